import { SnnError } from '../../../internal/snn-error';
import type { Split } from './split';

/** What `standardize` returns: the transformed splits and the statistics fitted on `train`. */
export interface Standardized {
  /** `train` after the transform. */
  train: Split;
  /** The other splits after the same transform, in the order given. */
  others: Split[];
  /** Per-feature training mean (float64). */
  mean: Float64Array;
  /** Per-feature divisor: the training standard deviation, or 1 for a constant feature. */
  std: Float64Array;
}

/**
 * Standardizes every feature to zero mean and unit variance, with statistics fitted on `train`
 * only and applied unchanged to `others` (no test-set information leaks into training).
 *
 * x′ = (x − μ) / σ, μ = training mean, σ = training standard deviation with divisor n (as
 * scikit-learn's `StandardScaler`). A feature whose training values are all equal is only
 * centred (σ taken as 1), so it becomes 0 on `train` instead of NaN. SNNs need standardized
 * inputs (paper §3). Returns new arrays; `y` is shared with the inputs, not copied.
 *
 * @param train the split the statistics are fitted on (n ≥ 1, finite values).
 * @param others further splits with the same `d` (validation, test).
 * @example
 * const mnist = await loadMnist();
 * const { train, others: [test] } = standardize(mnist.train, mnist.test);
 * @see https://arxiv.org/abs/1706.02515
 */
export function standardize(train: Split, ...others: Split[]): Standardized {
  const { n, d } = train;
  if (n < 1) {
    throw new SnnError(
      'standardize: `train` must have at least one row, got n = 0; pass the training split',
    );
  }
  others.forEach((s, i) => {
    if (s.d !== train.d) {
      throw new SnnError(
        `standardize: \`others[${i}]\` must have d = ${train.d} features like \`train\`, got d = ${s.d}; pass splits of the same dataset`,
      );
    }
  });
  const mean = new Float64Array(d);
  const min = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  const x = train.x;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = x[row + j]!;
      if (!Number.isFinite(v)) {
        throw new SnnError(
          `standardize: \`train.x\` must be finite, got ${v} at row ${i}, feature ${j}; impute or drop missing values first`,
        );
      }
      mean[j]! += v;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) mean[j]! /= n;
  // Two-pass variance: exact enough in float64 even when |μ| ≫ σ.
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const c = x[row + j]! - mean[j]!;
      std[j]! += c * c;
    }
  }
  for (let j = 0; j < d; j++) {
    // Constant feature (all training values equal): divide by 1, see the doc comment.
    std[j] = min[j] === max[j] ? 1 : Math.sqrt(std[j]! / n);
  }
  const apply = (s: Split): Split => {
    const out = new Float32Array(s.n * d);
    for (let i = 0; i < s.n; i++) {
      const row = i * d;
      for (let j = 0; j < d; j++) out[row + j] = (s.x[row + j]! - mean[j]!) / std[j]!;
    }
    return { x: out, y: s.y, n: s.n, d };
  };
  return { train: apply(train), others: others.map(apply), mean, std };
}
