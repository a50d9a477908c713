import { SnnError } from '../../../internal/snn-error';

/**
 * One block of examples as plain typed arrays, usable in Node and in browsers without tfjs.
 *
 * `x` is row-major `n × d` (row `i` is `x.subarray(i * d, (i + 1) * d)`). `y` holds one label per
 * row (`Int32Array` class indices) or, for multi-task data such as Tox21, `n × k` row-major values
 * (`Float32Array`, `k = y.length / n`).
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export interface Split {
  x: Float32Array;
  y: Int32Array | Float32Array;
  n: number;
  d: number;
}

/**
 * Copies the rows `indices` of a split into a new split, in that order (for folds and
 * validation splits given as index arrays).
 *
 * `y` keeps its per-row width `k = y.length / n`.
 *
 * @param split the source rows.
 * @param indices row indices in `[0, split.n)`; repeats are allowed.
 * @example
 * const { data, validationSplit } = await loadUci121('iris', { archive });
 * const train = subset(data, validationSplit.train);
 * @see https://arxiv.org/abs/1706.02515
 */
export function subset(split: Split, indices: ArrayLike<number>): Split {
  const { n, d } = split;
  const k = n === 0 ? 1 : split.y.length / n;
  const m = indices.length;
  const x = new Float32Array(m * d);
  const y = split.y instanceof Int32Array ? new Int32Array(m * k) : new Float32Array(m * k);
  for (let r = 0; r < m; r++) {
    const i = indices[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new SnnError(
        `subset: \`indices[${r}]\` must be an integer row index in [0, ${n}), got ${i}; pass indices into this split`,
      );
    }
    x.set(split.x.subarray(i * d, (i + 1) * d), r * d);
    y.set(split.y.subarray(i * k, (i + 1) * k), r * k);
  }
  return { x, y, n: m, d };
}
