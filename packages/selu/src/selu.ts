import * as tf from '@tensorflow/tfjs-core';
import { SELU_ALPHA, SELU_LAMBDA } from './constants';
import { type SeluParams, resolveSeluParams } from './selu-params';
import { toTensor } from './to-tensor';

/**
 * Backends whose built-in `Selu` kernel computes eˣ − 1 in float32 and so loses all relative
 * accuracy near 0 (measured on tfjs-backend-wasm 4.22: relative error 1e-5 at x = −1e-3, 1 at
 * x = −1e-8). There the default SELU takes the expm1 path below instead.
 */
const CANCELLING_SELU_KERNELS = new Set(['wasm']);

/**
 * SELU with any α, λ through `tf.expm1` (accurate near 0 on cpu and wasm), with its gradient given
 * explicitly: λ for x > 0, λα·eˣ for x ≤ 0 (λα at 0). Explicit because tfjs has no gradient for the
 * `tf.greater` mask that selects the branch.
 */
function seluExpm1(x: tf.Tensor, alpha: number, lambda: number): tf.Tensor {
  const lambdaAlpha = lambda * alpha;
  const f = tf.customGrad((input, save) => {
    const t = input as tf.Tensor;
    (save as tf.GradSaveFunc)([t]);
    const value = tf.where(tf.greater(t, 0), tf.mul(t, lambda), tf.mul(tf.expm1(t), lambdaAlpha));
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [s] = saved as [tf.Tensor];
      return tf.where(
        tf.greater(s, 0),
        tf.mul(dy, lambda),
        tf.mul(dy, tf.mul(tf.exp(s), lambdaAlpha)),
      );
    };
    return { value, gradFunc };
  });
  return f(x);
}

/**
 * The scaled exponential linear unit, elementwise:
 * `selu(x) = λ·x` for x > 0 and `λ·α·(eˣ − 1)` for x ≤ 0; its derivative is λ for x > 0 and
 * `λ·α·eˣ` for x ≤ 0 (λα at 0, the left derivative, as tfjs and PyTorch use).
 *
 * With the default α, λ this is the built-in `tf.selu` kernel (and its registered gradient), except
 * on backends whose kernel cancels near 0 (wasm), where it, like custom α, λ (e.g. from
 * {@link seluParameters}), is computed as `λ·α·expm1(x)` with an explicit gradient — relative error
 * ≤ 1e-6 forward and 1e-5 backward against the float64 definition on cpu and wasm.
 *
 * @param x Input tensor (float32) or nested array.
 * @param params `{alpha?, lambda?}`, both > 0, default {@link SELU_ALPHA}, {@link SELU_LAMBDA}.
 * @returns A new tensor of the shape of `x`, owned by the caller.
 * @example
 * selu(tf.tensor1d([-1, 0, 1])); // [-1.1113307, 0, 1.0507010]
 * selu(tf.tensor1d([-1, 1]), seluParameters({ mean: -0.1, variance: 2 })); // [-1.3419280, 1.0738512]
 * @see https://arxiv.org/abs/1706.02515
 */
export function selu<T extends tf.Tensor>(x: T | tf.TensorLike, params?: SeluParams): T {
  const { alpha, lambda } = resolveSeluParams('selu', params);
  return tf.tidy(() => {
    const input = toTensor('selu', x);
    const builtIn =
      alpha === SELU_ALPHA &&
      lambda === SELU_LAMBDA &&
      !CANCELLING_SELU_KERNELS.has(tf.getBackend());
    return (builtIn ? tf.selu(input) : seluExpm1(input, alpha, lambda)) as T;
  });
}
