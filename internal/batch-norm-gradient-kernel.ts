import * as tf from '@tensorflow/tfjs-core';
import { FusedBatchNorm, type GradConfig, type NamedTensorMap } from '@tensorflow/tfjs-core';

/**
 * The kernel of the five gradients of tfjs's `FusedBatchNorm` in one pass, inputs `dy`, `x`,
 * `mean`, `variance` and optionally `scale` (one value per feature, the last axis of x), attr
 * `varianceEpsilon`; outputs [dx, dmean, dvariance, dscale, doffset]. Backends that implement it
 * (`snn-native`) register it under this name.
 */
export const SNN_BATCH_NORM_GRAD = 'SnnBatchNormGrad';

/** The mark a routed gradient carries for `backend`; copies of a package share it (Symbol.for). */
function routedMark(backend: string): symbol {
  return Symbol.for(`@snn/batch-norm-gradient/${backend}`);
}

/** Whether `t` holds one float32 value per feature of `x` (its last axis). */
function perFeature(t: tf.Tensor | undefined, x: tf.Tensor): boolean {
  return t != null && t.dtype === 'float32' && t.rank === 1 && t.shape[0] === x.shape[x.rank - 1];
}

/**
 * Lets `FusedBatchNorm`'s gradient (`tf.batchNorm`, and so tfjs-layers' `BatchNormalization` in
 * training) run as the one kernel {@link SNN_BATCH_NORM_GRAD} while `backend` is active. With
 * r = (v + ε)^(−1/2) per feature, c = x − m and e = dy·s, tfjs-core's gradient is
 *
 *   dx = dy·r·s,  dm = Σ −r·e,  dv = Σ −½r³·c·e,  ds = Σ dy·c·r,  do = Σ dy
 *
 * (sums over every axis but the last) in about thirty kernels; the one kernel makes the same
 * float32 roundings in the same order, so the five are the same bit for bit. tfjs registers one
 * gradient per kernel name for every backend, so this wraps the registered one: on `backend`, for
 * float32 with one mean, variance (and scale) per feature, the kernel runs; everywhere else the
 * wrapped gradient, unchanged. Idempotent per backend, also across copies of a package. The
 * kernel has no gradient of its own: a second derivative through a batch norm on `backend` is
 * refused by tfjs, naming the kernel.
 *
 * @example
 * tf.registerKernel({ kernelName: SNN_BATCH_NORM_GRAD, backendName: 'my-backend', kernelFunc });
 * routeBatchNormGradient('my-backend'); // batch norm layers now train with it on my-backend
 */
export function routeBatchNormGradient(backend: string): void {
  const mark = routedMark(backend);
  const original = tf.getGradient(FusedBatchNorm) as
    | (GradConfig & { [mark: symbol]: true })
    | undefined;
  if (original == null || original[mark]) return;
  tf.registerGradient({
    ...original,
    [mark]: true,
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor?];
      const d = dy as tf.Tensor;
      if (
        tf.getBackend() !== backend ||
        x == null ||
        x.dtype !== 'float32' ||
        d.dtype !== 'float32' ||
        !perFeature(mean, x) ||
        !perFeature(variance, x) ||
        (scale != null && !perFeature(scale, x))
      ) {
        return original.gradFunc(dy, saved, attrs);
      }
      const inputs = { dy: d, x, mean, variance, ...(scale == null ? {} : { scale }) };
      // All five at once, here (inside the backward pass's scope), so none is lost when only
      // some are asked for.
      const [dx, dmean, dvariance, dscale, doffset] = tf
        .engine()
        .runKernel(SNN_BATCH_NORM_GRAD, inputs as NamedTensorMap, attrs) as tf.Tensor[];
      return {
        x: () => dx!,
        mean: () => dmean!,
        variance: () => dvariance!,
        scale: () => dscale!,
        offset: () => doffset!,
      };
    },
  } as GradConfig);
}
