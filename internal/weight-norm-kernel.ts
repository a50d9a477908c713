import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedTensorMap } from '@tensorflow/tfjs-core';
import { SnnError } from './snn-error';

/**
 * The kernel w = v · g / √(Σ_rows v² + ε) per column (inputs `v` [rows, cols], `g` [cols]; attr
 * `epsilon`): a weight-normalized kernel in one pass. Backends that implement it (`snn-native`)
 * register it under this name; it gives the composite of `weightNormKernel` bit for bit.
 */
export const SNN_WEIGHT_NORM = 'SnnWeightNorm';

/** The kernel [dv, dg] of {@link SNN_WEIGHT_NORM} given its output's gradient (inputs `dy`, `v`, `g`). */
export const SNN_WEIGHT_NORM_GRAD = 'SnnWeightNormGrad';

/** Registers the gradient of {@link SNN_WEIGHT_NORM} once (tfjs keeps one per kernel name). */
function registerWeightNormGradient(): void {
  if (tf.getGradient(SNN_WEIGHT_NORM) != null) return;
  tf.registerGradient({
    kernelName: SNN_WEIGHT_NORM,
    inputsToSave: ['v', 'g'],
    gradFunc: (dy, saved, attrs) => {
      const [v, g] = saved as [tf.Tensor, tf.Tensor];
      // Both at once, here (inside the backward pass's scope), so neither is lost when only one
      // of them is asked for.
      const [dv, dg] = tf
        .engine()
        .runKernel(SNN_WEIGHT_NORM_GRAD, { dy, v, g } as NamedTensorMap, attrs) as tf.Tensor[];
      return { v: () => dv!, g: () => dg! };
    },
  } as GradConfig);
  tf.registerGradient({
    kernelName: SNN_WEIGHT_NORM_GRAD,
    gradFunc: () => {
      throw new SnnError(
        `${SNN_WEIGHT_NORM_GRAD}: second derivatives of a weight-normalized kernel are not available on the ${tf.getBackend()} backend; take them on 'snn-wasm' or 'cpu' (tf.setBackend), where the kernel runs as a composite of differentiable ops`,
      );
    },
  });
}

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
    registerWeightNormGradient();
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
