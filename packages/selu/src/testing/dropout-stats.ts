/** Test helpers: statistics of a dropout output in double precision. */

export interface DropoutStats {
  mean: number;
  variance: number;
  droppedFraction: number;
  /** Largest |y − (a·x + b)| / (|a·x| + |b|) over the kept units. */
  keptError: number;
  /** Units that are neither the dropped value nor a·x + b (to 1e-6 relative). */
  wrongDropped: number;
}

/**
 * Splits the output into dropped units (equal to `dropped` within float32 rounding) and kept ones
 * (checked against a·x + b), and computes mean and variance of the whole output.
 */
export function dropoutStats(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  a: number,
  b: number,
  dropped: number,
): DropoutStats {
  const n = y.length;
  const droppedTol = 2 ** -24 * Math.abs(dropped);
  let sum = 0;
  let count = 0;
  let keptError = 0;
  let wrongDropped = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    sum += v;
    const kept = a * x[i]! + b;
    // A kept unit that lands on the dropped value (≈ 1 in 1e6) is counted as dropped: harmless.
    if (Math.abs(v - dropped) <= droppedTol) {
      count++;
      continue;
    }
    const err = Math.abs(v - kept) / (Math.abs(a * x[i]!) + Math.abs(b));
    if (err > 1e-6) wrongDropped++;
    keptError = Math.max(keptError, err);
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - mean) ** 2;
  return { mean, variance: ss / (n - 1), droppedFraction: count / n, keptError, wrongDropped };
}
