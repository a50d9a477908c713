import { routeBatchNormGradient } from '../../../internal/batch-norm-gradient-kernel';
import { routeSeluGradient } from '../../../internal/selu-gradient-kernel';

/**
 * Lets `Selu`'s gradient run as one native kernel on the `backend` (`snn-native`): tfjs-core
 * registers one gradient per kernel name for every backend, so this wraps the registered one.
 * On `backend`, for float32, dx = `SnnSeluGrad`(dy, x) = dy·selu′(x) (λ·dy for x > 0,
 * λα·eˣ·dy for x ≤ 0); on every other backend, and for other dtypes, the original gradient runs
 * unchanged (same kernels, same results). Idempotent.
 *
 * The native kernel has its own gradient, so second derivatives keep working:
 *   ∂dx/∂dy = selu′(x), ∂dx/∂x = dy·λα·eˣ (x ≤ 0), 0 (x > 0).
 *
 * @param backend - The backend whose kernels include `SnnSeluGrad` ({@link nativeKernels}).
 * @example
 * for (const kernel of nativeKernels(base, addon, 'snn-native')) tf.registerKernel(kernel);
 * useNativeSeluGradient('snn-native'); // tf.grad(tf.selu) now runs SnnSeluGrad there
 * @see https://arxiv.org/abs/1706.02515
 */
export function useNativeSeluGradient(backend: string): void {
  routeSeluGradient(backend);
}

/**
 * Lets `FusedBatchNorm`'s gradient (every batch norm in training) run as the one native kernel
 * `SnnBatchNormGrad` on `backend` (`snn-native`): the five gradients of tfjs-core's, bit for bit,
 * in one pass instead of about thirty kernels. On every other backend, and for other dtypes or
 * shapes, the original gradient runs unchanged. Idempotent.
 *
 * @param backend - The backend whose kernels include `SnnBatchNormGrad` ({@link nativeKernels}).
 * @example
 * useNativeBatchNormGradient('snn-native'); // tf.layers.batchNormalization trains with it there
 */
export function useNativeBatchNormGradient(backend: string): void {
  routeBatchNormGradient(backend);
}
