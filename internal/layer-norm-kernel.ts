import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { registerFusedGradient } from './fused-kernel-gradient';

/**
 * The kernel y = (x − μ)·(σ² + ε)^(−1/2)·γ + β over the last axis of x (inputs `x` [rows, cols],
 * `gamma`, `beta` [cols]; attr `epsilon`): a layer-normalized batch in one pass. Backends that
 * implement it (`snn-native`) register it under this name; it gives the composite of
 * `layerNormKernel` bit for bit.
 */
export const SNN_LAYER_NORM = 'SnnLayerNormalize';

/** The kernel [dx, dγ, dβ] of {@link SNN_LAYER_NORM} given dy (inputs `dy`, `x`, `gamma`, `beta`). */
export const SNN_LAYER_NORM_GRAD = 'SnnLayerNormalizeGrad';

/**
 * Layer normalization over the last axis (Ba et al. 2016), per row of x:
 *
 *   μ = mean(x),  σ² = mean((x − μ)²),  y = (x − μ) / √(σ² + ε) · γ + β
 *
 * as tfjs ops — tf.moments(x, −1, true), then add(mul(mul(sub(x, μ), rsqrt(add(σ², ε))), γ), β) —
 * differentiable in x, γ and β. Where the active backend has {@link SNN_LAYER_NORM} and all three
 * are float32 of shapes [rows, cols], [cols], [cols], it runs as that one kernel and its gradient
 * as {@link SNN_LAYER_NORM_GRAD}: the composite's values bit for bit, and its gradients bit for
 * bit where x feeds nothing else (tfjs adds the gradients a tensor receives in the order they
 * arrive, which a fused gradient can follow only for the layer's own three uses of x). Pass
 * `fused: false` for the composite everywhere.
 *
 * @param x - The batch, [rows, features] (or any rank; the last axis is normalized).
 * @param gamma - The scale per feature.
 * @param beta - The offset per feature.
 * @param epsilon - ε, added to the variance.
 * @example
 * const y = layerNormKernel(tf.tensor2d([[1, 2, 3]]), tf.ones([3]), tf.zeros([3]), 1e-3); // ≈ [[-1.22, 0, 1.22]]
 */
export function layerNormKernel(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon: number,
  fused = true,
): tf.Tensor {
  const cols = x.shape[x.rank - 1];
  if (
    fused &&
    x.rank === 2 &&
    [x, gamma, beta].every((t) => t.dtype === 'float32') &&
    [gamma, beta].every((t) => t.rank === 1 && t.shape[0] === cols) &&
    tf.getKernel(SNN_LAYER_NORM, tf.getBackend()) != null
  ) {
    registerFusedGradient(
      SNN_LAYER_NORM,
      SNN_LAYER_NORM_GRAD,
      ['x', 'gamma', 'beta'],
      'a layer norm',
    );
    return tf.engine().runKernel(
      SNN_LAYER_NORM,
      { x, gamma, beta } as NamedTensorMap,
      {
        epsilon,
      } as never,
    ) as tf.Tensor;
  }
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    return tf.add(tf.mul(normalized, gamma), beta);
  });
}
