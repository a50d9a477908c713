import type * as tf from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import type { WeightNormDense } from '../weight-norm-dense';
import { onnxActivation } from './onnx-activations';
import type { OnnxGraph } from './onnx-graph';

type Layer = InstanceType<typeof layers.Layer>;

/**
 * Appends the inference-mode computation of one tfjs layer to the graph: its inputs are the
 * names of the values it reads, and it returns the name of the value it makes.
 */
export type OnnxLayerConverter = (graph: OnnxGraph, layer: Layer, inputs: string[]) => string;

/** A layer's weights by the name it gave `addWeight` (`kernel`, `gamma`, `gate_bias`, …). */
function weightsOf(layer: Layer): Map<string, { values: Float32Array; dims: number[] }> {
  const values = layer.getWeights();
  const out = new Map<string, { values: Float32Array; dims: number[] }>();
  layer.weights.forEach((w, i) => {
    const short = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
    out.set(short, {
      values: Float32Array.from(values[i]!.dataSync() as Float32Array),
      dims: [...w.shape] as number[],
    });
  });
  return out;
}

/** The weight `name` of `layer` as an initializer of the graph. */
function weight(graph: OnnxGraph, layer: Layer, name: string): string {
  const w = weightsOf(layer).get(name);
  if (w === undefined) {
    throw new SnnError(
      `toOnnx: layer '${layer.name}' (${layer.getClassName()}) has no weight '${name}'; build the model (call it once or give it an input shape) before exporting`,
    );
  }
  return graph.constant(`${layer.name}/${name}`, w.values, w.dims);
}

function single(layer: Layer, inputs: string[]): string {
  if (inputs.length !== 1) {
    throw new SnnError(
      `toOnnx: layer '${layer.name}' (${layer.getClassName()}) must have one input, got ${inputs.length}; the export maps single-input layers of this class only`,
    );
  }
  return inputs[0]!;
}

function config(layer: Layer): Record<string, unknown> {
  return layer.getConfig() as Record<string, unknown>;
}

/** x·W (+ b): MatMul then Add, as tfjs's Dense computes it. */
function affine(graph: OnnxGraph, x: string, kernel: string, bias: string | null, base: string) {
  const product = graph.node('MatMul', [x, kernel], {}, `${base}/matmul`);
  return bias === null ? product : graph.node('Add', [product, bias], {}, `${base}/add`);
}

const identity: OnnxLayerConverter = (_g, layer, inputs) => single(layer, inputs);

const dense: OnnxLayerConverter = (graph, layer, inputs) => {
  const c = config(layer);
  const z = affine(
    graph,
    single(layer, inputs),
    weight(graph, layer, 'kernel'),
    c.useBias === false ? null : weight(graph, layer, 'bias'),
    layer.name,
  );
  return onnxActivation(graph, z, String(c.activation), `${layer.name}/activation`, layer.name);
};

const batchNormalization: OnnxLayerConverter = (graph, layer, inputs) => {
  const c = config(layer);
  const x = single(layer, inputs);
  const rank = (layer.input as { shape: unknown[] }).shape.length;
  const axis = Number(c.axis);
  if (rank !== 2 || (axis !== -1 && axis !== 1)) {
    throw new SnnError(
      `toOnnx: layer '${layer.name}' (BatchNormalization) normalizes axis ${axis} of a rank-${rank} input; the export maps the feature axis of 2-D inputs ([batch, features]) only`,
    );
  }
  const features = (layer.input as { shape: number[] }).shape[1]!;
  const constantOf = (name: string, value: number) =>
    graph.constant(`${layer.name}/${name}`, new Float32Array(features).fill(value), [features]);
  const scale = c.scale === false ? constantOf('gamma', 1) : weight(graph, layer, 'gamma');
  const shift = c.center === false ? constantOf('beta', 0) : weight(graph, layer, 'beta');
  return graph.node(
    'BatchNormalization',
    [x, scale, shift, weight(graph, layer, 'moving_mean'), weight(graph, layer, 'moving_variance')],
    { epsilon: Number(c.epsilon) },
    layer.name,
  );
};

const activation: OnnxLayerConverter = (graph, layer, inputs) =>
  onnxActivation(
    graph,
    single(layer, inputs),
    String(config(layer).activation),
    layer.name,
    layer.name,
  );

const relu: OnnxLayerConverter = (graph, layer, inputs) => {
  const max = config(layer).maxValue;
  const x = single(layer, inputs);
  if (max === null || max === undefined) return graph.node('Relu', [x], {}, layer.name);
  const lo = graph.constant(`${layer.name}/min`, new Float32Array([0]), []);
  const hi = graph.constant(`${layer.name}/max`, new Float32Array([Number(max)]), []);
  return graph.node('Clip', [x, lo, hi], {}, layer.name);
};

const softmax: OnnxLayerConverter = (graph, layer, inputs) =>
  graph.node(
    'Softmax',
    [single(layer, inputs)],
    { axis: { int: Number(config(layer).axis ?? -1) } },
    layer.name,
  );

const elu: OnnxLayerConverter = (graph, layer, inputs) =>
  graph.node(
    'Elu',
    [single(layer, inputs)],
    { alpha: Number(config(layer).alpha ?? 1) },
    layer.name,
  );

const selu: OnnxLayerConverter = (graph, layer, inputs) => {
  const c = config(layer);
  return graph.node(
    'Selu',
    [single(layer, inputs)],
    { alpha: Number(c.alpha), gamma: Number(c.lambda) },
    layer.name,
  );
};

const layerNorm: OnnxLayerConverter = (graph, layer, inputs) =>
  graph.node(
    'LayerNormalization',
    [single(layer, inputs), weight(graph, layer, 'gamma'), weight(graph, layer, 'beta')],
    { axis: { int: -1 }, epsilon: Number(config(layer).epsilon) },
    layer.name,
  );

const weightNormDense: OnnxLayerConverter = (graph, layer, inputs) => {
  const c = config(layer);
  // w = g · v / ‖v‖ is fixed at inference: export the effective kernel the layer multiplies by.
  const effective = (layer as unknown as WeightNormDense).effectiveKernel();
  const values = Float32Array.from(effective.dataSync() as Float32Array);
  const dims = [...effective.shape];
  (effective as tf.Tensor).dispose();
  const kernel = graph.constant(`${layer.name}/kernel`, values, dims);
  const bias = c.useBias === false ? null : weight(graph, layer, 'bias');
  const z = affine(graph, single(layer, inputs), kernel, bias, layer.name);
  return onnxActivation(graph, z, String(c.activation), `${layer.name}/activation`, layer.name);
};

const highway: OnnxLayerConverter = (graph, layer, inputs) => {
  const c = config(layer);
  const x = single(layer, inputs);
  const names = weightsOf(layer);
  const base = layer.name;
  const h = onnxActivation(
    graph,
    affine(graph, x, weight(graph, layer, 'kernel'), weight(graph, layer, 'bias'), `${base}/h`),
    String(c.activation),
    `${base}/h_activation`,
    base,
  );
  const t = graph.node(
    'Sigmoid',
    [
      affine(
        graph,
        x,
        weight(graph, layer, 'gate_kernel'),
        weight(graph, layer, 'gate_bias'),
        `${base}/gate`,
      ),
    ],
    {},
    `${base}/gate_sigmoid`,
  );
  const carry = names.has('carry_kernel')
    ? graph.node('MatMul', [x, weight(graph, layer, 'carry_kernel')], {}, `${base}/carry`)
    : x;
  // y = C + T·(H − C), the layer's own form of H·T + C·(1 − T).
  const difference = graph.node('Sub', [h, carry], {}, `${base}/h_minus_carry`);
  const gated = graph.node('Mul', [t, difference], {}, `${base}/gated`);
  return graph.node('Add', [carry, gated], {}, base);
};

const residualBlock: OnnxLayerConverter = (graph, layer, inputs) => {
  const c = config(layer);
  const x = single(layer, inputs);
  const act = String(c.activation);
  const base = layer.name;
  const branch = [...weightsOf(layer).keys()]
    .filter((n) => n.endsWith('_kernel') && n !== 'shortcut_kernel')
    .map((n) => n.slice(0, -'_kernel'.length));
  let f = x;
  branch.forEach((part, i) => {
    const z = affine(
      graph,
      f,
      weight(graph, layer, `${part}_kernel`),
      weight(graph, layer, `${part}_bias`),
      `${base}/${part}`,
    );
    f =
      i === branch.length - 1
        ? z
        : onnxActivation(graph, z, act, `${base}/${part}_activation`, base);
  });
  const shortcut = weightsOf(layer).has('shortcut_kernel')
    ? graph.node('MatMul', [x, weight(graph, layer, 'shortcut_kernel')], {}, `${base}/shortcut`)
    : x;
  const sum = graph.node('Add', [shortcut, f], {}, `${base}/sum`);
  return onnxActivation(graph, sum, act, base, base);
};

const add: OnnxLayerConverter = (graph, layer, inputs) => {
  let sum = inputs[0]!;
  for (const other of inputs.slice(1)) sum = graph.node('Add', [sum, other], {}, layer.name);
  return sum;
};

const concatenate: OnnxLayerConverter = (graph, layer, inputs) =>
  graph.node('Concat', inputs, { axis: { int: Number(config(layer).axis ?? -1) } }, layer.name);

/**
 * The layers `toOnnx` exports, by tfjs class name. Dropout of every kind is the identity at
 * inference, so it exports as nothing.
 */
export const ONNX_LAYER_CONVERTERS: Readonly<Record<string, OnnxLayerConverter>> = {
  Dense: dense,
  Activation: activation,
  ReLU: relu,
  ELU: elu,
  Softmax: softmax,
  BatchNormalization: batchNormalization,
  Add: add,
  Concatenate: concatenate,
  Dropout: identity,
  GaussianNoise: identity,
  GaussianDropout: identity,
  SnnAlphaDropout: identity,
  SnnFeatureAlphaDropout: identity,
  SnnSeededDropout: identity,
  SnnSelu: selu,
  SnnLayerNorm: layerNorm,
  SnnWeightNormDense: weightNormDense,
  SnnHighway: highway,
  SnnResidualBlock: residualBlock,
};
