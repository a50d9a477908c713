import * as tf from '@tensorflow/tfjs-core';
import { type GradConfig, type NamedTensorMap, Selu, backend_util } from '@tensorflow/tfjs-core';

const { SELU_SCALEALPHA } = backend_util;

/**
 * The kernel dx = dy·selu′(x) in one pass (inputs `dy`, `x`): λ·dy for x > 0, λα·eˣ·dy for x ≤ 0.
 * Backends that implement it (snn-native, webgpu) register it under this one name, so that one
 * registered gradient serves them all.
 */
export const SNN_SELU_GRAD = 'SnnSeluGrad';

/** The mark a routed gradient carries for `backend`; copies of a package share it (Symbol.for). */
function routedMark(backend: string): symbol {
  return Symbol.for(`@snn/selu-gradient/${backend}`);
}

/**
 * Lets `Selu`'s gradient run as the one-pass {@link SNN_SELU_GRAD} kernel while `backend` is the
 * active backend. tfjs registers one gradient per kernel name for every backend, so this wraps the
 * registered one — which may already route another backend — and on `backend`, for float32,
 * dx = SnnSeluGrad(dy, x); everywhere else, and for other dtypes, the wrapped gradient runs
 * unchanged (same kernels, same results). Idempotent per backend, also across copies of a package.
 *
 * The kernel gets its own gradient, so second derivatives keep working:
 *   ∂dx/∂dy = selu′(x), ∂dx/∂x = dy·λα·eˣ (x ≤ 0), 0 (x > 0).
 *
 * @example
 * tf.registerKernel({ kernelName: SNN_SELU_GRAD, backendName: 'my-backend', kernelFunc });
 * routeSeluGradient('my-backend'); // tf.grad(tf.selu) now runs SnnSeluGrad on my-backend
 */
export function routeSeluGradient(backend: string): void {
  const mark = routedMark(backend);
  const original = tf.getGradient(Selu) as (GradConfig & { [mark: symbol]: true }) | undefined;
  if (original == null || original[mark]) return;
  tf.registerGradient({
    ...original,
    [mark]: true,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved;
      const d = dy as tf.Tensor;
      if (tf.getBackend() !== backend || x?.dtype !== 'float32' || d.dtype !== 'float32') {
        return original.gradFunc(dy, saved, attrs);
      }
      return { x: () => tf.engine().runKernel(SNN_SELU_GRAD, { dy: d, x } as NamedTensorMap) };
    },
  } as GradConfig);
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
