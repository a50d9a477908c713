/** Float64 statistics of tensor data for the tests (not part of the package's API). */
export interface SampleStats {
  n: number;
  mean: number;
  /** Population variance. */
  variance: number;
  maxAbs: number;
}

export function sampleStats(values: ArrayLike<number>): SampleStats {
  const n = values.length;
  let total = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    total += v;
    if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { n, mean, variance: squares / n, maxAbs };
}
