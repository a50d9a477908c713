import * as tf from '@tensorflow/tfjs-core';
import { type GradConfig, type NamedTensorMap, Selu, backend_util } from '@tensorflow/tfjs-core';
import { SNN_SELU_GRAD } from './native-kernels';

const { SELU_SCALEALPHA } = backend_util;

/** Marks a gradient installed here, so that a second copy of this package does not wrap it again. */
const WRAPPED = Symbol.for('@snn/backend-native/selu-gradient');

/**
 * Lets `Selu`'s gradient run as one native kernel on the `backend` (`snn-native`): tfjs-core
 * registers one gradient per kernel name for every backend, so this wraps the registered one.
 * On `backend`, for float32, dx = {@link SNN_SELU_GRAD}(dy, x); on every other backend, and for
 * other dtypes, the original gradient runs unchanged (same kernels, same results). Idempotent.
 *
 * The native kernel has its own gradient, so second derivatives keep working:
 *   ∂dx/∂dy = g(x) (the same SELU gradient), ∂dx/∂x = dy·λα·eˣ (x ≤ 0), 0 (x > 0).
 *
 * @param backend - The backend whose kernels include {@link SNN_SELU_GRAD} ({@link nativeKernels}).
 * @example
 * for (const kernel of nativeKernels(base, addon, 'snn-native')) tf.registerKernel(kernel);
 * useNativeSeluGradient('snn-native'); // tf.grad(tf.selu) now runs SnnSeluGrad there
 * @see https://arxiv.org/abs/1706.02515
 */
export function useNativeSeluGradient(backend: string): void {
  const original = tf.getGradient(Selu) as (GradConfig & { [WRAPPED]?: true }) | undefined;
  if (original == null || original[WRAPPED]) return;
  const wrapped: GradConfig & { [WRAPPED]: true } = {
    ...original,
    [WRAPPED]: true,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const d = dy as tf.Tensor;
      if (tf.getBackend() !== backend || x?.dtype !== 'float32' || d.dtype !== 'float32') {
        return original.gradFunc(dy, saved, attrs);
      }
      return { x: () => tf.engine().runKernel(SNN_SELU_GRAD, { dy: d, x } as NamedTensorMap) };
    },
  };
  tf.registerGradient(wrapped);
  if (tf.getGradient(SNN_SELU_GRAD) == null) {
    tf.registerGradient({
      kernelName: SNN_SELU_GRAD,
      inputsToSave: ['dy', 'x'],
      gradFunc: (upstream, saved) => {
        const [dy, x] = saved as [tf.Tensor, tf.Tensor];
        const g = upstream as tf.Tensor;
        return {
          dy: () => tf.engine().runKernel(SNN_SELU_GRAD, { dy: g, x } as NamedTensorMap),
          x: () =>
            tf.where(
              tf.greater(x, 0),
              tf.zerosLike(x),
              tf.mul(tf.mul(g, dy), tf.mul(tf.exp(x), SELU_SCALEALPHA)),
            ),
        };
      },
    });
  }
}
