import { SnnError } from '../../../../internal/snn-error';
import type { OnnxGraph } from './onnx-graph';

/** tfjs's activation class names (`getClassName()`) and our names, as ONNX operators. */
const ACTIVATION_OPS: Record<string, (g: OnnxGraph, x: string, base: string) => string> = {
  linear: (_g, x) => x,
  relu: (g, x, base) => g.node('Relu', [x], {}, base),
  // tfjs's selu: λ = 1.0507009873554805, α = 1.6732632423543772 (ONNX's defaults to float32).
  selu: (g, x, base) =>
    g.node('Selu', [x], { alpha: 1.6732632423543772, gamma: 1.0507009873554805 }, base),
  elu: (g, x, base) => g.node('Elu', [x], { alpha: 1 }, base),
  tanh: (g, x, base) => g.node('Tanh', [x], {}, base),
  sigmoid: (g, x, base) => g.node('Sigmoid', [x], {}, base),
  softmax: (g, x, base) => g.node('Softmax', [x], { axis: { int: -1 } }, base),
};

/**
 * Appends an activation, named as tfjs names it (`'relu'`, or a class name such as `'Relu'`,
 * `'Softmax'`, `'Linear'`), and returns its output (the input itself for `linear`).
 *
 * @param owner the layer, for the error on an activation ONNX has no operator for here.
 * @example
 * const y = onnxActivation(graph, 'hidden_1', 'Relu', 'hidden_1/relu');
 */
export function onnxActivation(
  graph: OnnxGraph,
  input: string,
  activation: string,
  base: string,
  owner: string,
): string {
  const op = ACTIVATION_OPS[activation.toLowerCase()];
  if (op === undefined) {
    throw new SnnError(
      `toOnnx: layer '${owner}' uses the activation '${activation}', which the export does not map; use one of ${Object.keys(ACTIVATION_OPS).join(', ')}`,
    );
  }
  return op(graph, input, base);
}
