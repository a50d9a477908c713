import * as tf from '@tensorflow/tfjs-core';
import {
  type LayersModel,
  type SymbolicTensor,
  model as functionalModel,
  type layers,
} from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../internal/snn-error';

type Layer = InstanceType<typeof layers.Layer>;

/** Mean and variance of one hidden layer's activations. */
export interface LayerStats {
  /** Layer name, e.g. `hidden_3`. */
  name: string;
  /** Mean over all samples and units. */
  mean: number;
  /** Variance (population, 1/N) over all samples and units. */
  variance: number;
}

const HIDDEN_NAME = /^hidden_\d+$/;

/**
 * The layers whose outputs count as hidden activations, input to output.
 *
 * For models from `buildFnn` (or any model that follows its naming), the layers named
 * `hidden_<i>` — the output of each hidden block after its activation or normalization. For any
 * other model, every layer except input layers and the final output layer.
 *
 * @example hiddenLayers(buildFnn({architecture: 'snn', inputDim: 4, outputDim: 2, depth: 3, width: 8})).map((l) => l.name) // ['hidden_1', 'hidden_2', 'hidden_3']
 * @see https://arxiv.org/abs/1706.02515
 */
export function hiddenLayers(model: LayersModel): Layer[] {
  const all = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const named = all.filter((layer) => HIDDEN_NAME.test(layer.name));
  return named.length > 0 ? named : all.slice(0, -1);
}

/**
 * Mean and variance of every hidden layer's activations on the batch `x`, input to output — how
 * far the network is from the paper's fixed point (mean 0, variance 1).
 *
 * Runs in inference mode (dropout off, batch normalization with its moving statistics). Statistics
 * pool all samples and units of a layer, as in the paper's analysis. No tensor outlives the call.
 *
 * @param model A layers model with one input, e.g. from `buildFnn`.
 * @param x A batch of inputs, shape [batch, inputDim].
 * @param layers The layers to measure, input to output. Default {@link hiddenLayers}.
 * @example
 * const stats = await activationStats(buildFnn({architecture: 'snn', inputDim: 64, outputDim: 2, depth: 8, width: 64}), tf.randomNormal([256, 64]));
 * // [{name: 'hidden_1', mean: 0.01, variance: 0.98}, …]
 * @see https://arxiv.org/abs/1706.02515
 */
export async function activationStats(
  model: LayersModel,
  x: tf.Tensor,
  layers?: readonly Layer[],
): Promise<LayerStats[]> {
  if (model.inputs.length !== 1) {
    throw new SnnError(
      `activationStats: \`model\` must have exactly one input, got ${model.inputs.length}; pass a single-input model such as one from buildFnn`,
    );
  }
  const hidden = layers ?? hiddenLayers(model);
  if (hidden.length === 0) return [];
  // A probe model that shares the layers (and weights) and exposes every hidden output.
  const probe = functionalModel({
    inputs: model.inputs,
    outputs: hidden.map((layer) => layer.output as SymbolicTensor),
  });
  const moments = tf.tidy(() => {
    const outputs = probe.predict(x) as tf.Tensor | tf.Tensor[];
    const list = Array.isArray(outputs) ? outputs : [outputs];
    return list.map((activation) => {
      const { mean, variance } = tf.moments(activation);
      return tf.stack([mean, variance]);
    });
  });
  try {
    const values = await Promise.all(moments.map((m) => m.data()));
    return hidden.map((layer, i) => ({
      name: layer.name,
      mean: values[i]![0]!,
      variance: values[i]![1]!,
    }));
  } finally {
    tf.dispose(moments);
  }
}
