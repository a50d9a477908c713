/**
 * Inputs for layer tests that do not come from tfjs, so that two implementations compared on them
 * start from the same numbers on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * n deterministic pseudo-random numbers in (−1, 1), independent of tfjs: 0.9·sin(12.9898·(i + 1)
 * + 78.233·salt), i < n; another salt gives another sequence.
 *
 * @example
 * values(3, 1); // three numbers in (−1, 1), the same on every run
 */
export function values(n: number, salt: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(12.9898 * (i + 1) + 78.233 * salt) * 0.9);
}

/**
 * One-hot labels of `rows` rows over `classes` classes, class ⌊(v + 1)·classes/2⌋ for the values v
 * of {@link values}(rows, salt).
 *
 * @example
 * const labels = oneHotLabels(75, 21, 3); // [75, 3], each row one 1
 */
export function oneHotLabels(rows: number, salt: number, classes: number): tf.Tensor2D {
  return tf.tidy(() =>
    tf.oneHot(
      tf.tensor1d(
        values(rows, salt).map((v) => Math.floor(((v + 1) * classes) / 2)),
        'int32',
      ),
      classes,
    ),
  ) as tf.Tensor2D;
}
