import { SnnError } from '../../../../../internal/snn-error';

/**
 * Ranks 1…n of `values` in ascending order, ties receiving the mean of the ranks they span
 * (`scipy.stats.rankdata(method='average')`). NaN is not accepted.
 *
 * @example
 * rankData([10, 20, 20, 5]); // [2, 3.5, 3.5, 1]
 * @see https://arxiv.org/abs/1706.02515
 */
export function rankData(values: ArrayLike<number>): number[] {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) {
      throw new SnnError(
        `rankData: \`values\` must not contain NaN, found one at index ${i}; drop or impute it first`,
      );
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    // Positions start…end−1 (0-based) share ranks start+1…end; their mean is (start+1+end)/2.
    const shared = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = shared;
    start = end;
  }
  return ranks;
}

/**
 * Per-dataset ranks of k methods: row r holds the ranks of the k methods on dataset r (the best
 * gets 1, ties share the mean of the ranks they span, so every row sums to k(k+1)/2).
 *
 * @param scores - one row per dataset, one column per method (e.g. test accuracies).
 * @param options.higherIsBetter - rank the largest score first (default true).
 * @example
 * datasetRanks([[0.9, 0.8], [0.7, 0.7]]); // [[1, 2], [1.5, 1.5]]
 * @see https://arxiv.org/abs/1706.02515 (Table 1)
 */
export function datasetRanks(
  scores: ReadonlyArray<ArrayLike<number>>,
  options: { higherIsBetter?: boolean } = {},
): number[][] {
  const higherIsBetter = options.higherIsBetter ?? true;
  if (scores.length === 0) {
    throw new SnnError('datasetRanks: `scores` must have at least one row (dataset), got 0');
  }
  const k = scores[0]!.length;
  return scores.map((row, r) => {
    if (row.length !== k) {
      throw new SnnError(
        `datasetRanks: every row of \`scores\` must have ${k} methods, row ${r} has ${row.length}; pass one score per method for every dataset`,
      );
    }
    return rankData(Array.from(row, (v) => (higherIsBetter ? -v : v)));
  });
}

/**
 * Per-dataset ranks of k methods, averaged over datasets: the paper's UCI comparison (the best
 * method on a dataset gets rank 1, ties share the mean rank, the mean over all k ranks is (k+1)/2).
 *
 * @param scores - one row per dataset, one column per method (e.g. test accuracies).
 * @param options.higherIsBetter - rank the largest score first (default true).
 * @returns the average rank of each method, in column order.
 * @example
 * averageRanks([[0.9, 0.8], [0.7, 0.7]]); // [1.25, 1.75]
 * @see https://arxiv.org/abs/1706.02515 (Table 1: average rank difference to the mean rank)
 */
export function averageRanks(
  scores: ReadonlyArray<ArrayLike<number>>,
  options: { higherIsBetter?: boolean } = {},
): number[] {
  return meanRanks(datasetRanks(scores, options));
}

/**
 * The mean of each column of a per-dataset rank table ({@link datasetRanks}): the methods'
 * average ranks, summed over the datasets in row order.
 *
 * @example
 * meanRanks([[1, 2], [1.5, 1.5]]); // [1.25, 1.75]
 */
export function meanRanks(ranks: ReadonlyArray<ReadonlyArray<number>>): number[] {
  return ranks[0]!.map((_, j) => ranks.reduce((sum, row) => sum + row[j]!, 0) / ranks.length);
}

/**
 * The standard error of each method's average rank over the datasets: the sample standard
 * deviation of its per-dataset ranks over √n, s/√n with s² = Σ (r_i − r̄)² / (n − 1); null for
 * one dataset. Two average ranks closer than about two of these are not an ordering.
 *
 * @example
 * averageRankStandardErrors([[1, 2], [2, 1], [1, 2]]); // [1/3, 1/3]
 */
export function averageRankStandardErrors(
  ranks: ReadonlyArray<ReadonlyArray<number>>,
): Array<number | null> {
  const n = ranks.length;
  if (n === 0) return [];
  return ranks[0]!.map((_, j) => {
    if (n < 2) return null;
    const column = ranks.map((row) => row[j]!);
    const mean = column.reduce((a, b) => a + b, 0) / n;
    const variance = column.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (n - 1);
    return Math.sqrt(variance / n);
  });
}
