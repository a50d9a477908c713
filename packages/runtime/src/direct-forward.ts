import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** A model's forward pass on concrete tensors: `forward(x, training)`. */
export type Forward = (x: tf.Tensor, training: boolean) => tf.Tensor;

/** The parts of a tfjs-layers symbolic tensor and layer that the plan reads (not in the public types). */
interface Symbolic {
  name: string;
  inputs: Symbolic[];
  sourceLayer: PlannedLayer;
}
interface PlannedLayer {
  name: string;
  inboundNodes: Array<{ outputTensors: unknown[] }>;
  activityRegularizer?: unknown;
  getClassName(): string;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}
interface Graph {
  inputs: Symbolic[];
  outputs: Symbolic[];
  layers: PlannedLayer[];
}

/** Layers whose outputs carry masks or that nest a model: the plan leaves those to `model.apply`. */
const NEEDS_APPLY = new Set(['Masking', 'Embedding', 'Sequential', 'Functional', 'Model']);

/**
 * The forward pass of a one-input, one-output tfjs-layers model as a fixed plan of its layers'
 * `call`s, in the order tfjs-layers' own executor visits them (depth-first from the output, inputs
 * first), without the per-layer bookkeeping of `Layer.apply` (name scopes, input-spec checks,
 * symbolic-graph lookups) that costs about as much as the kernels on small networks.
 *
 * The same kernels run on the same inputs in the same order as `model.apply(x, { training })`,
 * so outputs, and gradients through them, are bit for bit those of `model.apply` (tested for the
 * paper's seven architectures). Models the plan does not cover — several inputs or outputs, masks,
 * nested models, activity regularizers — get `model.apply` itself.
 *
 * @param model - A tfjs-layers model (Sequential or functional); built on first use if needed.
 * @returns `forward(x, training)`; the returned tensor is owned by the caller.
 * @example
 * const forward = directForward(model);
 * const logits = tf.tidy(() => forward(x, true)); // === model.apply(x, { training: true }), bit for bit
 * @see https://arxiv.org/abs/1706.02515
 */
export function directForward(model: LayersModel): Forward {
  const viaApply: Forward = (x, training) => model.apply(x, { training }) as tf.Tensor;
  const graph = graphOf(model);
  if (graph === null) return viaApply;
  const plan = planOf(graph);
  if (plan === null) return viaApply;
  const [input] = graph.inputs as [Symbolic];
  const [output] = graph.outputs as [Symbolic];
  return (x, training) => {
    const values = new Map<string, tf.Tensor>([[input.name, x]]);
    const kwargs = { training };
    for (const symbolic of plan) {
      const inputs = symbolic.inputs.map((s) => values.get(s.name)!);
      const out = symbolic.sourceLayer.call(inputs, kwargs);
      values.set(symbolic.name, Array.isArray(out) ? out[0]! : out);
    }
    return values.get(output.name)!;
  };
}

/** The model's own graph (a Sequential's inner model), or null where the plan does not apply. */
function graphOf(model: LayersModel): Graph | null {
  const inner = model as unknown as { model?: LayersModel; built: boolean; build(): void };
  if (model.getClassName() === 'Sequential') {
    if (inner.model === undefined) inner.build();
    if (inner.model === undefined) return null;
  }
  const graph = (inner.model ?? model) as unknown as Graph;
  if (graph.inputs?.length !== 1 || graph.outputs?.length !== 1) return null;
  return graph;
}

/**
 * The symbolic tensors to compute, in tfjs-layers' executor order
 * (`getTopologicalSortAndRecipientCountsForOneFetch`): an iterative depth-first walk from the
 * output that emits a tensor once all its inputs are emitted; the model input is fed.
 */
function planOf(graph: Graph): Symbolic[] | null {
  const fed = graph.inputs[0]!;
  const visited = new Set<string>([fed.name]);
  const sorted: Symbolic[] = [];
  const stack: Symbolic[] = [graph.outputs[0]!];
  const marks: number[] = [];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (visited.has(top.name)) {
      stack.pop();
      continue;
    }
    const topIsMarked = marks[marks.length - 1] === stack.length - 1;
    if (top.inputs.length === 0 || topIsMarked) {
      stack.pop();
      sorted.push(top);
      visited.add(top.name);
      if (topIsMarked) marks.pop();
    } else {
      marks.push(stack.length - 1);
      for (const input of top.inputs) if (!visited.has(input.name)) stack.push(input);
    }
  }
  for (const symbolic of sorted) {
    const layer = symbolic.sourceLayer;
    // A tensor with no inputs that is not the fed one is another model input.
    if (symbolic.inputs.length === 0) return null;
    if (layer.activityRegularizer != null || NEEDS_APPLY.has(layer.getClassName())) return null;
    if (layer.inboundNodes.some((node) => node.outputTensors.length !== 1)) return null;
    if ((layer as unknown as Graph).layers !== undefined) return null;
  }
  return sorted;
}
