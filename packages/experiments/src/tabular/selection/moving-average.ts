/**
 * Trailing moving average over complete windows: `out[j] = mean(values[j … j+w−1])`, where
 * w = min(window, values.length); `out[j]` smooths the curve up to epoch j + w (1-based).
 * Only full windows are used, so the first epochs (a single noisy value) cannot win on their own.
 *
 * @param values - a curve, one value per epoch.
 * @param window - window length ≥ 1 (the paper uses 10).
 * @returns values.length − w + 1 smoothed values; empty for an empty curve.
 * @example
 * movingAverage([1, 2, 3, 4, 5], 2); // [1.5, 2.5, 3.5, 4.5]
 * @see https://arxiv.org/abs/1706.02515 (early stopping on the validation curve smoothed by a moving average of 10)
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  if (values.length === 0) return [];
  const w = Math.min(Math.max(1, Math.floor(window)), values.length);
  const out: number[] = [];
  for (let j = 0; j + w <= values.length; j++) {
    let sum = 0;
    for (let i = j; i < j + w; i++) sum += values[i]!;
    out.push(sum / w);
  }
  return out;
}
