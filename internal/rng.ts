/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator whose outputs pass
 * PractRand to 2^32 bytes. It makes shuffles, folds, splits and dropout-free orderings
 * reproducible from a `seed`, never anything statistical beyond that. Returns floats in [0, 1).
 *
 * @example
 * const random = mulberry32(42); random(); // 0.6011037519201636
 * @see https://arxiv.org/abs/1706.02515
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Anything indexable and writable: arrays and typed arrays. */
export interface MutableList<T> {
  length: number;
  [index: number]: T;
}

/**
 * Fisher–Yates shuffle of `values` in place with the generator `random`: for i = n−1 … 1, swap
 * element i with element ⌊random()·(i+1)⌋.
 *
 * @example
 * const rows = Int32Array.of(0, 1, 2, 3); shuffleInPlace(rows, mulberry32(1));
 * @see https://arxiv.org/abs/1706.02515
 */
export function shuffleInPlace<T>(values: MutableList<T>, random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
