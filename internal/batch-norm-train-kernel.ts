import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { registerFusedGradient } from './fused-kernel-gradient';

/**
 * The kernel of a batch-normalization layer's training step over the rows of x (inputs `x`
 * [rows, cols], `gamma`, `beta`, `movingMean`, `movingVariance` [cols]; attrs `epsilon`,
 * `momentum`); outputs [y, new moving mean, new moving variance]. Backends that implement it
 * (`snn-native`) register it under this name; it gives the composite of
 * `batchNormTrainKernel` bit for bit. Its gradient is that of y in x, γ and β: the moving
 * statistics are not differentiated.
 */
export const SNN_BATCH_NORM_TRAIN = 'SnnBatchNormTrain';

/** The kernel [dx, dγ, dβ] of {@link SNN_BATCH_NORM_TRAIN} given dy (inputs `dy`, `x`, `gamma`, `beta`). */
export const SNN_BATCH_NORM_TRAIN_GRAD = 'SnnBatchNormTrainGrad';

/**
 * A batch-normalization layer's training step (Ioffe & Szegedy 2015), per feature c over the
 * rows of x:
 *
 *   m = mean(x),  v = mean((x − m)²),  y = β + (x − m)·γ / √(v + ε),
 *   m̄' = m̄ − (m̄ − m)·(1 − momentum),  v̄' = v̄ − (v̄ − v)·(1 − momentum)
 *
 * as tfjs-layers' `BatchNormalization` computes it in training — `tf.moments(x, 0)`,
 * `tf.batchNorm2d(x, m, v, β, γ, ε)`, then its moving averages — returning [y, m̄', v̄']; y is
 * differentiable in x, γ and β. Where the active backend has {@link SNN_BATCH_NORM_TRAIN} and all
 * inputs are float32 of shapes [rows, cols] and [cols], it runs as that one kernel and y's
 * gradient as {@link SNN_BATCH_NORM_TRAIN_GRAD}: the composite's values bit for bit, and its
 * gradients bit for bit where x feeds nothing else (tfjs adds the gradients a tensor receives in
 * the order they arrive, which a fused gradient can follow only for the layer's own uses of x).
 * Pass `fused: false` for the composite everywhere.
 *
 * @param x - The batch, [rows, features].
 * @param params - γ, β and the moving mean m̄ and variance v̄, one value per feature each.
 * @param epsilon - ε, added to the variance.
 * @param momentum - The weight of the old moving statistics.
 * @example
 * const [y, movingMean, movingVariance] = batchNormTrainKernel(
 *   tf.tensor2d([[1], [3]]),
 *   { gamma: tf.ones([1]), beta: tf.zeros([1]), movingMean: tf.zeros([1]), movingVariance: tf.ones([1]) },
 *   1e-3,
 *   0.99,
 * ); // y ≈ [[-1], [1]], movingMean ≈ [0.02], movingVariance = [1]
 */
export function batchNormTrainKernel(
  x: tf.Tensor2D,
  params: {
    gamma: tf.Tensor1D;
    beta: tf.Tensor1D;
    movingMean: tf.Tensor1D;
    movingVariance: tf.Tensor1D;
  },
  epsilon: number,
  momentum: number,
  fused = true,
): [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D] {
  const { gamma, beta, movingMean, movingVariance } = params;
  const perFeature = [gamma, beta, movingMean, movingVariance];
  const cols = x.shape[1];
  if (
    fused &&
    x.rank === 2 &&
    [x, ...perFeature].every((t) => t.dtype === 'float32') &&
    perFeature.every((t) => t.rank === 1 && t.shape[0] === cols) &&
    tf.getKernel(SNN_BATCH_NORM_TRAIN, tf.getBackend()) != null
  ) {
    registerFusedGradient(
      SNN_BATCH_NORM_TRAIN,
      SNN_BATCH_NORM_TRAIN_GRAD,
      ['x', 'gamma', 'beta'],
      'a batch norm',
    );
    return tf.engine().runKernel(
      SNN_BATCH_NORM_TRAIN,
      { x, gamma, beta, movingMean, movingVariance } as NamedTensorMap,
      {
        epsilon,
        momentum,
      } as never,
    ) as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
  }
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [0]);
    const y = tf.batchNorm2d(x, mean as tf.Tensor1D, variance as tf.Tensor1D, beta, gamma, epsilon);
    const decay = 1 - momentum;
    const average = (previous: tf.Tensor1D, value: tf.Tensor): tf.Tensor1D =>
      tf.sub(previous, tf.mul(tf.sub(previous, value), decay));
    return [y, average(movingMean, mean), average(movingVariance, variance)];
  });
}
