import { SnnError } from '../../../../../internal/snn-error';
import { normalSf } from './normal-distribution';
import { rankData } from './rank-data';

/** Result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /** min(R⁺, R⁻): the smaller signed-rank sum (SciPy's two-sided statistic). */
  statistic: number;
  /** Two-sided p-value. 1 when every difference is zero. */
  pValue: number;
  /**
   * One-sided p-value for the alternative that `x` tends to be smaller than `y` (SciPy's
   * `alternative='less'`): P(R⁺ ≤ observed R⁺) under the null. Testing each method (`x`) against
   * the best one (`y`) this way gives the paper's one-sided p-values. 1 when every difference is zero.
   */
  pValueLess: number;
  /** Number of non-zero differences the test used. */
  n: number;
  /** 'exact' null distribution or 'approx' (normal, tie-corrected). */
  method: 'exact' | 'approx';
}

/** Options of {@link wilcoxonSignedRank}. */
export interface WilcoxonOptions {
  /** Largest number of non-zero differences for the exact distribution (default 50, as SciPy). */
  exactMaxN?: number;
}

/**
 * Paired, two-sided Wilcoxon signed-rank test of `x` against `y`.
 *
 * Differences dᵢ = xᵢ − yᵢ equal to zero are dropped (SciPy's default `zero_method='wilcox'`);
 * the n remaining |dᵢ| are ranked with ties averaged, R⁺ and R⁻ are the rank sums of positive and
 * negative differences, and the statistic is T = min(R⁺, R⁻).
 * - Exact (n ≤ `exactMaxN` and no tied |dᵢ|): the null distribution of R⁺ counts the subsets of
 *   {1…n} with each sum (all 2ⁿ sign patterns equally likely); p = 2·min(P(R ≤ R⁺), P(R ≥ R⁺)),
 *   capped at 1, and exactly 1 when R⁺ = n(n+1)/4; one-sided, p_less = P(R ≤ R⁺).
 * - Otherwise the normal approximation: z = (T − n(n+1)/4) / σ with
 *   σ² = [n(n+1)(2n+1) − ½ Σₜ t(t²−1)] / 24 (t = sizes of tied groups), p = 2·P(Z > |z|),
 *   without continuity correction (SciPy's default); one-sided, p_less = Φ((R⁺ − n(n+1)/4) / σ).
 *
 * @param x - first paired sample (e.g. one method's accuracy per dataset).
 * @param y - second paired sample, same length.
 * @example
 * wilcoxonSignedRank([0.9, 0.8, 0.85, 0.7], [0.88, 0.81, 0.8, 0.6]);
 * // { statistic: 1, pValue: 0.25, pValueLess: 0.875, n: 4, method: 'exact' }
 * @see https://arxiv.org/abs/1706.02515 (each method is tested against the best one)
 */
export function wilcoxonSignedRank(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const exactMaxN = options.exactMaxN ?? 50;
  if (x.length !== y.length) {
    throw new SnnError(
      `wilcoxonSignedRank: \`x\` and \`y\` must be paired (same length), got ${x.length} and ${y.length}; pass one value per pair`,
    );
  }
  const diffs: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - y[i]!;
    if (Number.isNaN(d)) {
      throw new SnnError(
        `wilcoxonSignedRank: values must be numbers, got NaN in pair ${i}; drop incomplete pairs first`,
      );
    }
    if (d !== 0) diffs.push(d);
  }
  const n = diffs.length;
  if (n === 0) return { statistic: 0, pValue: 1, pValueLess: 1, n: 0, method: 'exact' };

  const ranks = rankData(diffs.map(Math.abs));
  let rPlus = 0;
  let rMinus = 0;
  diffs.forEach((d, i) => {
    if (d > 0) rPlus += ranks[i]!;
    else rMinus += ranks[i]!;
  });
  const statistic = Math.min(rPlus, rMinus);
  const tieSizes = groupSizes(diffs.map(Math.abs));
  const hasTies = tieSizes.some((t) => t > 1);

  if (n <= exactMaxN && !hasTies) {
    const total = (n * (n + 1)) / 2;
    const counts = signedRankCounts(n);
    const all = 2 ** n;
    let below = 0;
    for (let s = 0; s <= rPlus; s++) below += counts[s]!;
    let above = 0;
    for (let s = rPlus; s <= total; s++) above += counts[s]!;
    const pValue = 2 * rPlus === total ? 1 : Math.min(1, (2 * Math.min(below, above)) / all);
    return { statistic, pValue, pValueLess: below / all, n, method: 'exact' };
  }

  const mean = (n * (n + 1)) / 4;
  let variance = n * (n + 1) * (2 * n + 1);
  for (const t of tieSizes) variance -= 0.5 * t * (t * t - 1);
  const sd = Math.sqrt(variance / 24);
  const z = (statistic - mean) / sd;
  const pValueLess = normalSf((mean - rPlus) / sd);
  return {
    statistic,
    pValue: Math.min(1, 2 * normalSf(Math.abs(z))),
    pValueLess,
    n,
    method: 'approx',
  };
}

/** Number of subsets of {1…n} with each sum 0…n(n+1)/2 (exact integers while n ≤ 52). */
function signedRankCounts(n: number): number[] {
  const total = (n * (n + 1)) / 2;
  const counts = new Array<number>(total + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = (k * (k + 1)) / 2; s >= k; s--) counts[s]! += counts[s - k];
  }
  return counts;
}

function groupSizes(values: number[]): number[] {
  const sizes = new Map<number, number>();
  for (const v of values) sizes.set(v, (sizes.get(v) ?? 0) + 1);
  return [...sizes.values()];
}
