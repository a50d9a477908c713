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
  if (train.n < 1) {
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
  const scaling = fitColumnScaling(train, 'n', 'standardize: `train.x`');
  return {
    train: applyColumnScaling(train, scaling),
    others: others.map((s) => applyColumnScaling(s, scaling)),
    mean: scaling.mean,
    std: scaling.std,
  };
}

/** Per-feature statistics of a split, from {@link fitColumnScaling}. */
export interface ColumnScaling {
  /** Mean of each feature (float64). */
  mean: Float64Array;
  /** Divisor of each feature: its standard deviation, or 1 for a constant feature. */
  std: Float64Array;
  /** Whether each feature is constant (all values equal). */
  constant: boolean[];
}

/**
 * Mean and standard deviation of every feature of `split`: σ = √(Σ(x − μ)² / m) with m = n
 * (`'n'`, scikit-learn's `StandardScaler`) or m = n − 1 (`'n-1'`, R's `scale`; a split of one row
 * has only constant features). A constant feature gets σ = 1, so scaling only centres it.
 *
 * @param split the rows to fit (n ≥ 1, finite values).
 * @param divisor `'n'` or `'n-1'`.
 * @param label what `split.x` is, for the error on a non-finite value.
 * @example
 * fitColumnScaling({ x: new Float32Array([1, 3]), y: new Int32Array(2), n: 2, d: 1 }, 'n').std; // [1]
 */
export function fitColumnScaling(
  split: Split,
  divisor: 'n' | 'n-1',
  label = '`split.x`',
): ColumnScaling {
  const { n, d, x } = split;
  const mean = new Float64Array(d);
  const min = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = x[row + j]!;
      if (!Number.isFinite(v)) {
        throw new SnnError(
          `${label} must be finite, got ${v} at row ${i}, feature ${j}; impute or drop missing values first`,
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
  const m = divisor === 'n' ? n : n - 1;
  const constant: boolean[] = [];
  for (let j = 0; j < d; j++) {
    // Constant feature (all values equal): divide by 1, see the doc comment.
    constant.push(min[j] === max[j] || m < 1);
    std[j] = constant[j] ? 1 : Math.sqrt(std[j]! / m);
  }
  return { mean, std, constant };
}

/**
 * `split` with every feature mapped to (x − μ) / σ by a {@link ColumnScaling}; new arrays, `y`
 * shared.
 *
 * @example
 * const s = fitColumnScaling(train, 'n');
 * const test2 = applyColumnScaling(test, s);
 */
export function applyColumnScaling(split: Split, scaling: ColumnScaling): Split {
  const { n, d } = split;
  const { mean, std } = scaling;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) out[row + j] = (split.x[row + j]! - mean[j]!) / std[j]!;
  }
  return { x: out, y: split.y, n, d };
}
