/**
 * Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value), the form
 * in which the paper reports fold results (e.g. HTRU2 AUC 0.9803 ± 0.010).
 *
 * @example
 * meanStd([1, 2, 3, 4]); // { mean: 2.5, std: 1.2909944487358056 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  if (n === 1) return { mean, std: 0 };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}
