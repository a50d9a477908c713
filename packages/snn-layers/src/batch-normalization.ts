import * as tf from '@tensorflow/tfjs-core';
import type { LayerVariable, layers } from '@tensorflow/tfjs-layers';
import { batchNormTrainKernel } from '../../../internal/batch-norm-train-kernel';
import type { Kwargs } from '../../../internal/layer-utils';
import { tfjsLayerClass } from './tfjs-layer-class';

type BatchNormalizationArgs = Parameters<typeof layers.batchNormalization>[0];

/** The settings and weights of tfjs-layers' layer that the training pass reads (its own fields). */
interface BatchNormalizationState {
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly gamma?: LayerVariable;
  readonly beta?: LayerVariable;
  readonly movingMean: LayerVariable;
  readonly movingVariance: LayerVariable;
}

/**
 * tfjs-layers' `BatchNormalization` (Ioffe & Szegedy 2015), trained through one kernel: in
 * training, a batch x of shape [rows, features] normalized over its rows,
 *
 *   m = mean(x),  v = mean((x − m)²),  y = β + (x − m)·γ / √(v + ε),
 *   moving m ← m̄ − (m̄ − m)·(1 − momentum)  (and so for v)
 *
 * runs as `batchNormTrainKernel` — on a backend with its native kernel (`snn-native`) one
 * kernel and one gradient kernel instead of about forty tfjs ops, elsewhere the ops tfjs-layers
 * uses — with the values, gradients and moving statistics of tfjs-layers' layer bit for bit.
 * Everything else (inference, other ranks and axes, a layer without γ or β) is tfjs-layers' own
 * code. It serializes as `BatchNormalization` with tfjs-layers' config, so a saved model loads
 * in plain tfjs and Keras.
 *
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.dense({ units: 8, inputShape: [4] }),
 *   batchNormalization(),
 * ] });
 * @see https://arxiv.org/abs/1502.03167
 */
export class BatchNormalization extends tfjsLayerClass<typeof layers.batchNormalization>(
  'BatchNormalization',
) {
  /**
   * In training on a float32 [batch, features] input with γ and β: the batch normalized through
   * `batchNormTrainKernel`, the moving statistics updated from its output. Otherwise tfjs-layers'
   * own `call`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const state = this as unknown as BatchNormalizationState;
    const input = Array.isArray(inputs) && inputs.length === 1 ? inputs[0]! : inputs;
    if (
      !kwargs['training'] ||
      Array.isArray(input) ||
      input.rank !== 2 ||
      input.dtype !== 'float32' ||
      (state.axis !== -1 && state.axis !== 1) ||
      state.gamma == null ||
      state.beta == null
    ) {
      return super.call(inputs, kwargs);
    }
    const { gamma, beta, movingMean, movingVariance, momentum, epsilon } = state;
    return tf.tidy(() => {
      const [normalized, nextMean, nextVariance] = batchNormTrainKernel(
        input as tf.Tensor2D,
        {
          gamma: gamma.read() as tf.Tensor1D,
          beta: beta.read() as tf.Tensor1D,
          movingMean: movingMean.read() as tf.Tensor1D,
          movingVariance: movingVariance.read() as tf.Tensor1D,
        },
        epsilon,
        momentum,
      );
      movingMean.write(nextMean);
      movingVariance.write(nextVariance);
      return normalized;
    });
  }
}

/**
 * A {@link BatchNormalization} layer; the arguments of `tf.layers.batchNormalization`.
 *
 * @example
 * const layer = batchNormalization({ momentum: 0.9 });
 */
export function batchNormalization(args?: BatchNormalizationArgs): BatchNormalization {
  return new BatchNormalization(args);
}
