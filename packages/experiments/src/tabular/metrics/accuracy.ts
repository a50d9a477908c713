import { SnnError } from '../../../../../internal/snn-error';

/**
 * Share of correctly classified samples: `accuracy = (1/n) Σᵢ [yTrueᵢ = yPredᵢ]`.
 *
 * @param yTrue - true class indices, length n ≥ 1.
 * @param yPred - predicted class indices, same length.
 * @returns a number in [0, 1].
 * @example
 * accuracy([0, 1, 2, 2], [0, 1, 1, 2]); // 0.75
 * @see https://arxiv.org/abs/1706.02515 (the UCI comparison ranks methods by test accuracy)
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (yTrue.length !== yPred.length) {
    throw new SnnError(
      `accuracy: \`yTrue\` and \`yPred\` must have the same length, got ${yTrue.length} and ${yPred.length}; pass one prediction per sample`,
    );
  }
  if (yTrue.length === 0) {
    throw new SnnError('accuracy: `yTrue` must not be empty, got 0 samples; pass at least one');
  }
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Row-wise arg-max of a row-major n × k score matrix: the predicted class of each sample.
 * Ties go to the lowest index (as `numpy.argmax`).
 *
 * @param scores - n·k values, row-major.
 * @param k - number of columns (classes), ≥ 1.
 * @example
 * argmaxRows(new Float32Array([0.1, 0.9, 0.8, 0.2]), 2); // Int32Array [1, 0]
 * @see https://arxiv.org/abs/1706.02515
 */
export function argmaxRows(scores: ArrayLike<number>, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1 || scores.length % k !== 0) {
    throw new SnnError(
      `argmaxRows: \`k\` must be a positive integer dividing the ${scores.length} scores, got ${k}; pass the number of classes`,
    );
  }
  const n = scores.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = scores[i * k]!;
    for (let j = 1; j < k; j++) {
      const v = scores[i * k + j]!;
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}
