import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { registerFusedGradient } from './fused-kernel-gradient';

/**
 * The kernel w = v · g / √(Σ_rows v² + ε) per column (inputs `v` [rows, cols], `g` [cols]; attr
 * `epsilon`): a weight-normalized kernel in one pass. Backends that implement it (`snn-native`)
 * register it under this name; it gives the composite of `weightNormKernel` bit for bit.
 */
export const SNN_WEIGHT_NORM = 'SnnWeightNorm';

/** The kernel [dv, dg] of {@link SNN_WEIGHT_NORM} given its output's gradient (inputs `dy`, `v`, `g`). */
export const SNN_WEIGHT_NORM_GRAD = 'SnnWeightNormGrad';

/**
 * The weight-normalized kernel (Salimans & Kingma 2016), normalized per output unit over the input
 * axis:
 *
 *   w[r, c] = v[r, c] · g[c] / √(Σ_j v[j, c]² + ε)
 *
 * as tfjs ops, mul(v, div(g, sqrt(add(sum(square(v), 0), ε)))), differentiable in `v` and `g`. Where
 * the active backend has {@link SNN_WEIGHT_NORM} and both are float32, it runs as that one kernel
 * and its gradient as {@link SNN_WEIGHT_NORM_GRAD}, which give this composite's values and its
 * gradients bit for bit in two kernel calls instead of about twenty-five. Pass `fused: false` where
 * the gradient of `v` is added to others in an order that matters (a regularizer on `v`: three or
 * more terms, whose sum depends on the order tfjs adds them in).
 *
 * @param v - The direction, [rows, cols] (inputs × units).
 * @param g - The gain per unit, [cols].
 * @param epsilon - ε, added under the root so that a zero column gives no NaN.
 * @example
 * const w = weightNormKernel(tf.ones([3, 2]), tf.tensor1d([2, 4]), 1e-12); // columns of norm 2 and 4
 */
export function weightNormKernel(
  v: tf.Tensor2D,
  g: tf.Tensor1D,
  epsilon: number,
  fused = true,
): tf.Tensor2D {
  if (
    fused &&
    v.dtype === 'float32' &&
    g.dtype === 'float32' &&
    tf.getKernel(SNN_WEIGHT_NORM, tf.getBackend()) != null
  ) {
    registerFusedGradient(
      SNN_WEIGHT_NORM,
      SNN_WEIGHT_NORM_GRAD,
      ['v', 'g'],
      'a weight-normalized kernel',
    );
    return tf.engine().runKernel(
      SNN_WEIGHT_NORM,
      { v, g } as NamedTensorMap,
      {
        epsilon,
      } as never,
    ) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(v), 0), epsilon));
    return tf.mul(v, tf.div(g, norm)) as tf.Tensor2D;
  });
}
