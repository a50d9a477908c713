// Tox21's splits: dense rows joined with their labels, and the preprocessing fitted on training.
import { SnnError } from '../../../internal/snn-error';
import type { Split } from './split';
import type { Tox21Dense, Tox21Labels } from './tox21-parse';

/** One Tox21 split: dense features, labels of the selected tasks and which of them are known. */
export interface Tox21Split extends Split {
  /** n × tasks row-major: 1 active, 0 inactive or missing (see `mask`). */
  y: Float32Array;
  /** n × tasks row-major: 1 where the label is known, 0 where it is missing. */
  mask: Uint8Array;
  /** Compound IDs, one per row. */
  ids: string[];
}

/**
 * Feature preprocessing of `loadTox21`, fitted on the training split only and applied to both:
 * 1. `dropConstant`: drop features whose known training values are all equal (or all missing);
 * 2. missing feature values (empty / NA / NaN cells) are replaced by the training mean;
 * 3. `standardize`: x ← (x − training mean) / training standard deviation (divisor n);
 * 4. `squash: 'tanh'`: x ← tanh(x) after standardizing, bounding heavy-tailed descriptors.
 */
export interface Tox21Preprocess {
  dropConstant?: boolean;
  standardize?: boolean;
  squash?: 'none' | 'tanh';
}

/** The preset `preprocess: true` stands for. */
export const TOX21_PAPER_PREPROCESS: Required<Tox21Preprocess> = {
  dropConstant: true,
  standardize: true,
  squash: 'none',
};

/** Joins a dense file with its labels by compound ID into a split (`k` selected tasks). */
export function buildSplit(
  dense: Tox21Dense,
  labels: Tox21Labels,
  denseFile: string,
  labelFile: string,
  k: number,
): Tox21Split {
  const y = new Float32Array(dense.n * k);
  const mask = new Uint8Array(dense.n * k);
  dense.ids.forEach((id, i) => {
    const row = labels.get(id);
    if (!row) {
      throw new SnnError(
        `${labelFile}: no labels for compound "${id}" (row ${i + 1} of ${denseFile}); the two files must be the same split`,
      );
    }
    y.set(row.y, i * k);
    mask.set(row.mask, i * k);
  });
  return { x: dense.x, y, mask, ids: dense.ids, n: dense.n, d: dense.d };
}

/**
 * Fits the preprocessing `steps` on `train` and applies them to both splits; returns the splits
 * and the names of the feature columns kept.
 */
export function preprocess(
  train: Tox21Split,
  test: Tox21Split,
  names: string[],
  steps: Required<Tox21Preprocess>,
): { train: Tox21Split; test: Tox21Split; featureNames: string[] } {
  const { d } = train;
  const mean = new Float64Array(d);
  const count = new Float64Array(d);
  const min = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < train.n; i++) {
    for (let j = 0; j < d; j++) {
      const v = train.x[i * d + j]!;
      if (Number.isNaN(v)) continue;
      mean[j]! += v;
      count[j]!++;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) mean[j] = count[j]! > 0 ? mean[j]! / count[j]! : 0;
  // Missing values count as the mean, so they add nothing to the variance.
  const std = new Float64Array(d);
  for (let i = 0; i < train.n; i++) {
    for (let j = 0; j < d; j++) {
      const v = train.x[i * d + j]!;
      if (!Number.isNaN(v)) std[j]! += (v - mean[j]!) ** 2;
    }
  }
  const kept: number[] = [];
  for (let j = 0; j < d; j++) {
    const constant = !(min[j]! < max[j]!);
    std[j] = constant ? 1 : Math.sqrt(std[j]! / train.n);
    if (!(steps.dropConstant && constant)) kept.push(j);
  }
  const transform = (s: Tox21Split): Tox21Split => {
    const m = kept.length;
    const x = new Float32Array(s.n * m);
    for (let i = 0; i < s.n; i++) {
      for (let c = 0; c < m; c++) {
        const j = kept[c]!;
        let v = s.x[i * d + j]!;
        if (Number.isNaN(v)) v = mean[j]!;
        if (steps.standardize) v = (v - mean[j]!) / std[j]!;
        if (steps.squash === 'tanh') v = Math.tanh(v);
        x[i * m + c] = v;
      }
    }
    return { ...s, x, d: m };
  };
  return {
    train: transform(train),
    test: transform(test),
    featureNames: kept.map((j) => names[j]!),
  };
}
