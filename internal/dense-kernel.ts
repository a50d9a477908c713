import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { registerFusedGradient } from './fused-kernel-gradient';

/**
 * The kernel y = x·W + b of a linear dense layer (inputs `x` [rows, in], `kernel` [in, out],
 * `bias` [out]). Backends that implement it (`snn-native`) register it under this name; it gives
 * the composite of `denseKernel` bit for bit.
 */
export const SNN_DENSE = 'SnnDense';

/** The kernel [dx, dW, db] of {@link SNN_DENSE} given dy (inputs `dy`, `x`, `kernel`, `bias`). */
export const SNN_DENSE_GRAD = 'SnnDenseGrad';

/**
 * A linear dense layer's product, y = x·W + b, for a batch of rows, differentiable in x, W and b:
 *
 *   dx = dy·Wᵀ,  dW = xᵀ·dy,  db = Σ_rows dy
 *
 * in one of the two forms tfjs computes it in: by default as tfjs-layers' `Dense` does for a
 * linear activation, `tf.fused.matMul({a: x, b: W, bias: b})` (the bias in the product's output
 * pass); with `biasAdded`, as `tf.add(tf.matMul(x, W), b)` (the product, then the bias, one
 * rounding each: a residual branch, and `Dense` before an activation tfjs does not fuse). Where the
 * active backend has {@link SNN_DENSE} and all three are float32 of shapes [rows, in], [in, out],
 * [out], it runs as that one kernel and its gradient as {@link SNN_DENSE_GRAD}, where tfjs makes
 * about fifteen kernel calls per step (reshapes, saved-tensor copies, two products and a sum): the
 * same products and sum on the same backend, so the values and gradients are the composite's bit
 * for bit. Pass `fused: false` for the composite everywhere.
 *
 * @param x - The batch, [rows, in].
 * @param kernel - W, [in, out].
 * @param bias - b, [out].
 * @param options - `biasAdded` for the second form; `fused: false` for the composite.
 * @example
 * const y = denseKernel(tf.tensor2d([[1, 2]]), tf.tensor2d([[1], [1]]), tf.tensor1d([0.5])); // [[3.5]]
 */
export function denseKernel(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  options: { biasAdded?: boolean; fused?: boolean } = {},
): tf.Tensor2D {
  const { biasAdded = false, fused = true } = options;
  if (
    fused &&
    x.rank === 2 &&
    kernel.rank === 2 &&
    bias.rank === 1 &&
    x.shape[1] === kernel.shape[0] &&
    bias.shape[0] === kernel.shape[1] &&
    [x, kernel, bias].every((t) => t.dtype === 'float32') &&
    hasDenseKernel()
  ) {
    registerFusedGradient(SNN_DENSE, SNN_DENSE_GRAD, ['x', 'kernel', 'bias'], 'a dense layer');
    return tf
      .engine()
      .runKernel(
        SNN_DENSE,
        { x, kernel, bias } as NamedTensorMap,
        { biasAdded } as never,
      ) as tf.Tensor2D;
  }
  return biasAdded
    ? tf.add(tf.matMul(x, kernel), bias)
    : (tf.fused.matMul({ a: x, b: kernel, bias }) as tf.Tensor2D);
}

/** Whether the active backend runs {@link denseKernel} as the one kernel {@link SNN_DENSE}. */
export function hasDenseKernel(): boolean {
  return tf.getKernel(SNN_DENSE, tf.getBackend()) != null;
}
