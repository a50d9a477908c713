import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import { encodeOnnxModel } from './encode-onnx';
import { OnnxGraph } from './onnx-graph';
import { ONNX_LAYER_CONVERTERS } from './onnx-layers';

/** The ONNX operator set `toOnnx` writes (17: the first with `LayerNormalization`). */
export const ONNX_OPSET = 17;

/** Options of {@link toOnnx}. */
export interface ToOnnxOptions {
  /** Name of the ONNX graph (default: the model's name). */
  graphName?: string;
  /** Name of the batch dimension of every input and output (default `'batch'`). */
  batchDimension?: string;
}

type SymbolicLike = { id: number; name: string; shape: Array<number | null> };

/** A value name ONNX tools display well: the tfjs name without `/` and `:`. */
function valueName(name: string): string {
  return name.replace(/[/:]/g, '_');
}

/**
 * Exports a tfjs model built from our layers and tfjs's Dense, activation, BatchNormalization,
 * dropout and merge layers — every architecture `buildFnn` makes (SNN, MSRA, BatchNorm,
 * LayerNorm, WeightNorm, Highway, ResNet) — as an ONNX model in inference mode: dropout of every
 * kind (AlphaDropout included) is the identity, BatchNormalization uses its moving statistics,
 * weight-normalized layers their effective kernel w = g · v / ‖v‖. SELU exports as ONNX's
 * standard `Selu` (α, γ = λ), layer normalization as `LayerNormalization` (opset 17).
 *
 * Inputs and outputs keep their feature sizes and get a dynamic batch dimension; the weights are
 * float32 initializers. Sequential and functional models (several inputs or outputs, merge
 * layers) both work. A layer the export does not know is an error naming the layer and its class.
 *
 * @param model a built `tf.LayersModel` (e.g. from `buildFnn`).
 * @returns the serialized `ModelProto` (write it to a `.onnx` file, or give it to ONNX Runtime).
 * @example
 * const model = buildFnn({ architecture: 'snn', inputDim: 4, outputDim: 3, depth: 8, width: 64 });
 * const bytes = await toOnnx(model); // fs.writeFileSync('model.onnx', bytes)
 * const session = await ort.InferenceSession.create(bytes); // onnxruntime-node or -web
 * @see https://onnx.ai/onnx/operators/onnx__Selu.html
 */
export async function toOnnx(model: LayersModel, options: ToOnnxOptions = {}): Promise<Uint8Array> {
  if (model === null || typeof model !== 'object' || !Array.isArray(model.layers)) {
    throw new SnnError(
      `toOnnx: \`model\` must be a tf.LayersModel (tf.sequential, tf.model or buildFnn), got ${model === null ? 'null' : typeof model}; pass a built model`,
    );
  }
  const batch = options.batchDimension ?? 'batch';
  const graph = new OnnxGraph();
  const known = new Map<number, string>();
  const modelInputs = model.inputs as unknown as SymbolicLike[];
  const inputs = modelInputs.map((t) => {
    const name = graph.reserve(valueName(t.name));
    known.set(t.id, name);
    return { name, shape: t.shape };
  });

  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    const convert = ONNX_LAYER_CONVERTERS[className];
    if (convert === undefined) {
      throw new SnnError(
        `toOnnx: layer '${layer.name}' is a ${className}, which the export does not map; it maps ${Object.keys(ONNX_LAYER_CONVERTERS).join(', ')} (and InputLayer)`,
      );
    }
    // The layer's calls that belong to this model: those whose inputs are already known.
    for (const node of layer.inboundNodes) {
      const ins = node.inputTensors as unknown as SymbolicLike[];
      if (!ins.every((t) => known.has(t.id))) continue;
      const outs = node.outputTensors as unknown as SymbolicLike[];
      if (outs.some((t) => known.has(t.id))) continue;
      const output = convert(
        graph,
        layer,
        ins.map((t) => known.get(t.id)!),
      );
      known.set(outs[0]!.id, output);
    }
  }

  const outputs = (model.outputs as unknown as SymbolicLike[]).map((t) => {
    const value = known.get(t.id);
    if (value === undefined) {
      throw new SnnError(
        `toOnnx: the model's output '${t.name}' is not computed from its inputs by its layers; export a model whose outputs depend on its inputs only`,
      );
    }
    // A graph output must be a node's output with a stable name; an input passed straight
    // through (a model of dropout only) gets an Identity.
    const name = graph.node('Identity', [value], {}, valueName(t.name));
    return { name, shape: t.shape };
  });

  return encodeOnnxModel({
    graph,
    graphName: options.graphName ?? model.name,
    inputs,
    outputs,
    batch,
    opset: ONNX_OPSET,
  });
}
