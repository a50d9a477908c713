import { mulberry32, shuffleInPlace } from '../../../internal/rng';
import { SnnError } from '../../../internal/snn-error';
import { rowsByClass } from './rows-by-class';

/**
 * Assigns every row to one of `k` stratified folds, reproducibly.
 *
 * Algorithm: the rows of each class (classes in increasing order) are shuffled with the
 * mulberry32 generator seeded by `seed` (one generator for the whole call, Fisher–Yates), then
 * dealt round-robin to folds 0, 1, …, k−1, the count continuing from one class to the next. So
 * every fold holds ⌊n/k⌋ or ⌈n/k⌉ rows and every class is spread over the folds within ±1 row.
 *
 * @param labels integer class of each row, in `[0, classes)`.
 * @param k number of folds, an integer ≥ 2 (the paper's HTRU2 protocol uses 10).
 * @param seed any 32-bit integer; the same seed gives the same folds on every platform.
 * @returns `folds[i]` = fold of row `i`, in `[0, k)`.
 * @example
 * stratifiedFolds(new Int32Array([0, 0, 1, 1]), 2, 0); // e.g. Int32Array [1, 0, 0, 1]
 * @see https://arxiv.org/abs/1706.02515
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 0): Int32Array {
  if (!Number.isInteger(k) || k < 2) {
    throw new SnnError(`stratifiedFolds: \`k\` must be an integer ≥ 2, got ${k}; pass e.g. 10`);
  }
  let classes = 0;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0) {
      throw new SnnError(
        `stratifiedFolds: \`labels[${i}]\` must be a class index ≥ 0, got ${c}; pass integer labels`,
      );
    }
    if (c + 1 > classes) classes = c + 1;
  }
  const random = mulberry32(seed);
  const folds = new Int32Array(labels.length);
  let next = 0;
  for (const rows of rowsByClass(labels, classes)) {
    shuffleInPlace(rows, random);
    for (const row of rows) {
      folds[row] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

/**
 * The paper's nested cross-validation split for one test fold: test = fold `m`, validation =
 * fold `m − 1` (fold `k − 1` when `m = 0`; the paper's "fold 10 for M = 1" in 1-based numbering),
 * training = all other folds.
 *
 * @param folds fold of each row, as returned by `stratifiedFolds` or `loadHtru2`.
 * @param m the test fold, an integer in `[0, k)`.
 * @param k number of folds (default 10).
 * @example
 * const { data, folds } = await loadHtru2({ source: { file: 'HTRU2.zip' } });
 * const { train, validation, test } = nestedCvSplit(folds, 0);
 * @see https://arxiv.org/abs/1706.02515
 */
export function nestedCvSplit(
  folds: Int32Array,
  m: number,
  k = 10,
): { train: Int32Array; validation: Int32Array; test: Int32Array } {
  if (!Number.isInteger(m) || m < 0 || m >= k) {
    throw new SnnError(
      `nestedCvSplit: \`m\` must be a fold index in [0, ${k}), got ${m}; pass the test fold`,
    );
  }
  const v = (m + k - 1) % k;
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i]!;
    if (f === m) test.push(i);
    else if (f === v) validation.push(i);
    else train.push(i);
  }
  return {
    train: Int32Array.from(train),
    validation: Int32Array.from(validation),
    test: Int32Array.from(test),
  };
}
