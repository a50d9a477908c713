import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';
import type { Split } from './split';

/** Options of `toTensors`. */
export interface ToTensorsOptions {
  /** One-hot encode integer labels into a float32 `[n, oneHot]` tensor (for softmax cross-entropy). */
  oneHot?: number;
}

/**
 * Turns a split into tfjs tensors: `x` → float32 `[n, d]`; `y` → int32 `[n]` for class labels,
 * float32 `[n]` or `[n, k]` for real or multi-task targets, or float32 `[n, C]` with
 * `{oneHot: C}`. The caller owns (and must dispose) both tensors.
 *
 * Async because `@tensorflow/tfjs-core` is an optional peer dependency, imported only here: the
 * rest of the package works without tfjs. The tensors are made by the tfjs-core instance the
 * caller's program resolves, so they work with the caller's backend.
 *
 * @param split the data.
 * @param options `oneHot`: number of classes to one-hot encode `y` into.
 * @example
 * const { x, y } = await toTensors(mnist.train, { oneHot: 10 });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function toTensors(
  split: Split,
  options: ToTensorsOptions = {},
): Promise<{ x: Tensor2D; y: Tensor }> {
  let tf: typeof import('@tensorflow/tfjs-core');
  try {
    tf = await import('@tensorflow/tfjs-core');
  } catch (e) {
    throw new SnnError(
      'toTensors: needs the peer dependency @tensorflow/tfjs-core, which is not installed; run `npm install @tensorflow/tfjs-core` (and a backend such as @tensorflow/tfjs-backend-cpu)',
      { cause: e },
    );
  }
  const { n, d } = split;
  if (split.x.length !== n * d) {
    throw new SnnError(
      `toTensors: \`split.x\` must hold n × d = ${n * d} values, got ${split.x.length}; pass an unmodified split`,
    );
  }
  const k = n === 0 ? 1 : split.y.length / n;
  if (!Number.isInteger(k)) {
    throw new SnnError(
      `toTensors: \`split.y\` length ${split.y.length} is not a multiple of n = ${n}; pass an unmodified split`,
    );
  }
  if (options.oneHot !== undefined) {
    const classes = options.oneHot;
    if (!Number.isInteger(classes) || classes < 1 || k !== 1) {
      throw new SnnError(
        `toTensors: \`oneHot\` must be a class count ≥ 1 for single-label splits, got ${classes} (labels per row: ${k})`,
      );
    }
    const hot = new Float32Array(n * classes);
    for (let i = 0; i < n; i++) {
      const c = split.y[i]!;
      if (!Number.isInteger(c) || c < 0 || c >= classes) {
        throw new SnnError(
          `toTensors: label ${c} of row ${i} is not a class in [0, ${classes}); pass the right \`oneHot\``,
        );
      }
      hot[i * classes + c] = 1;
    }
    return {
      x: tf.tensor2d(split.x, [n, d], 'float32'),
      y: tf.tensor2d(hot, [n, classes], 'float32'),
    };
  }
  const x = tf.tensor2d(split.x, [n, d], 'float32');
  const dtype = split.y instanceof Int32Array ? 'int32' : 'float32';
  const y = k === 1 ? tf.tensor1d(split.y, dtype) : tf.tensor2d(split.y, [n, k], dtype);
  return { x, y };
}
