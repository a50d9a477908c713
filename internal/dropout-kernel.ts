import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedTensorMap } from '@tensorflow/tfjs-core';

/**
 * The kernel of a dropout mask from uniform noise applied in one pass (inputs `x`, `noise` of one
 * shape; attrs `mode`, `threshold`, `a`, `b`, `dropped`, see `applyDropoutMask`). Backends
 * that implement it (`snn-native`) register it under this name.
 */
export const SNN_DROPOUT = 'SnnDropout';

/** The kernel dx of {@link SNN_DROPOUT} given dy (inputs `dy`, `noise`; the same attrs). */
export const SNN_DROPOUT_GRAD = 'SnnDropoutGrad';

/**
 * How a dropout layer turns noise u ~ U[0, 1) into its output:
 * - `alpha` (alpha dropout): where(u ≥ rate, x·a + b, dropped);
 * - `inverted` (standard dropout): x·(keep / (1 − rate)) with keep = u < 1 − rate.
 */
export type DropoutMask =
  | { kind: 'alpha'; rate: number; a: number; b: number; dropped: number }
  | { kind: 'inverted'; rate: number };

/** The kernel's attrs for `mask`: float32 roundings as the composite's scalars get them. */
function attrsOf(mask: DropoutMask) {
  return mask.kind === 'alpha'
    ? { mode: 0, threshold: mask.rate, a: mask.a, b: mask.b, dropped: mask.dropped }
    : { mode: 1, threshold: 1 - mask.rate, a: 1 / (1 - mask.rate), b: 0, dropped: 0 };
}

/** Registers the gradients of {@link SNN_DROPOUT} and its gradient kernel once. */
function registerDropoutGradients(): void {
  if (tf.getGradient(SNN_DROPOUT) != null) return;
  // dx = dy·keep·a: linear in dy, so the gradient kernel is its own gradient in dy (second
  // derivatives work); the noise gets none.
  const gradFunc: GradConfig['gradFunc'] = (dy, saved, attrs) => {
    const [noise] = saved as [tf.Tensor];
    const dx = tf.engine().runKernel(SNN_DROPOUT_GRAD, { dy, noise } as NamedTensorMap, attrs);
    return {
      noise: () => tf.zerosLike(noise),
      dy: () => dx as tf.Tensor,
      x: () => dx as tf.Tensor,
    };
  };
  tf.registerGradient({ kernelName: SNN_DROPOUT, inputsToSave: ['noise'], gradFunc });
  tf.registerGradient({ kernelName: SNN_DROPOUT_GRAD, inputsToSave: ['noise'], gradFunc });
}

/**
 * Applies a dropout mask drawn from `noise` (uniform on [0, 1), e.g. {@link uniformNoise}) to x
 * as `mask` says, as tfjs ops:
 * - `alpha`: where(greaterEqual(u, rate), add(mul(x, a), b), dropped) — dropped units come out
 *   exactly `dropped` (in float32), the gradient in x is a on kept units and 0 on dropped ones;
 * - `inverted`: mul(x, mul(cast(less(u, 1 − rate)), 1 / (1 − rate))).
 * Where the active backend has {@link SNN_DROPOUT}, x and the noise are float32 of one shape, it
 * runs as that one kernel and its gradient as {@link SNN_DROPOUT_GRAD}: the composite's values
 * and gradient bit for bit, in two kernel calls instead of about twelve.
 *
 * @example
 * const y = applyDropoutMask(x, uniformNoise(x.shape, '7/0'), { kind: 'inverted', rate: 0.5 });
 */
export function applyDropoutMask(x: tf.Tensor, noise: tf.Tensor, mask: DropoutMask): tf.Tensor {
  if (
    x.dtype === 'float32' &&
    noise.dtype === 'float32' &&
    tf.util.arraysEqual(x.shape, noise.shape) &&
    tf.getKernel(SNN_DROPOUT, tf.getBackend()) != null
  ) {
    registerDropoutGradients();
    return tf
      .engine()
      .runKernel(SNN_DROPOUT, { x, noise } as NamedTensorMap, attrsOf(mask) as never) as tf.Tensor;
  }
  return tf.tidy(() => {
    if (mask.kind === 'alpha') {
      const keep = tf.greaterEqual(noise, mask.rate);
      const kept = tf.add(tf.mul(x, mask.a), mask.b);
      return tf.where(keep, kept, tf.scalar(mask.dropped, 'float32'));
    }
    const keep = tf.less(noise, 1 - mask.rate);
    return tf.mul(x, tf.mul(tf.cast(keep, x.dtype), 1 / (1 - mask.rate)));
  });
}
