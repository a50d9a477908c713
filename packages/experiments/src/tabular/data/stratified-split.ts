import { mulberry32, shuffleInPlace } from '../../../../../internal/rng';
import { SnnError } from '../../../../../internal/snn-error';

/**
 * Splits row indices into a training and a validation part, keeping class proportions: the
 * validation part has round(fraction·n) rows, allotted to classes by their share (largest
 * remainders first), drawn at random within each class. Both parts come back sorted.
 *
 * @param indices - rows to split (e.g. the training part of a train/test pair).
 * @param labels - class of every row of the full dataset (indexed by the values of `indices`).
 * @param fraction - validation share in (0, 1); the paper uses 0.15.
 * @param seed - seed of the draw.
 * @example
 * stratifiedSplit(Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), 0.5, 1);
 * // { train: Int32Array [x, y], validation: Int32Array [u, v] }, one row of each class in each
 * @see https://arxiv.org/abs/1706.02515 (UCI: model selection on 15% of the training data)
 */
export function stratifiedSplit(
  indices: Int32Array,
  labels: ArrayLike<number>,
  fraction: number,
  seed: number,
): { train: Int32Array; validation: Int32Array } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new SnnError(
      `stratifiedSplit: \`fraction\` must be in (0, 1), got ${fraction}; pass e.g. 0.15`,
    );
  }
  const byClass = new Map<number, number[]>();
  for (const i of indices) {
    const c = labels[i]!;
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const total = Math.round(fraction * indices.length);
  // Largest-remainder allotment of `total` validation rows over the classes.
  const exact = classes.map((c) => (byClass.get(c)!.length * total) / indices.length);
  const take = exact.map(Math.floor);
  const order = classes
    .map((_, k) => k)
    .sort((a, b) => exact[b]! - take[b]! - (exact[a]! - take[a]!) || a - b);
  let left = total - take.reduce((s, v) => s + v, 0);
  for (const k of order) {
    if (left === 0) break;
    take[k]!++;
    left--;
  }
  const rand = mulberry32(seed);
  const train: number[] = [];
  const validation: number[] = [];
  classes.forEach((c, k) => {
    const rows = byClass.get(c)!;
    shuffleInPlace(rows, rand);
    validation.push(...rows.slice(0, take[k]));
    train.push(...rows.slice(take[k]));
  });
  const sorted = (a: number[]) => Int32Array.from(a.sort((x, y) => x - y));
  return { train: sorted(train), validation: sorted(validation) };
}
