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
 * * element i with element ⌊random()·(i+1)⌋ (`fisherYates` below with that draw).
 *
 * @example
 * const rows = Int32Array.of(0, 1, 2, 3); shuffleInPlace(rows, mulberry32(1));
 * @see https://arxiv.org/abs/1706.02515
 */
export function shuffleInPlace<T>(values: MutableList<T>, random: () => number): void {
  fisherYates(values, (range) => Math.floor(random() * range));
}

/**
 * Fisher–Yates shuffle of `values` in place, from the last position down: the step at position
 * i = n−1, n−2, … swaps `values[i]` with `values[j]`, j = `randomBelow(i + 1, i)` uniform in
 * [0, i]. After all n − 1 steps (the default) the array is a uniformly random permutation; after
 * `steps` steps its last `steps` positions hold a uniformly random sample without replacement.
 *
 * The one shuffle of every `@snn/*` package; each supplies its own seeded generator through
 * `randomBelow`, so its sequences stay reproducible from its seed.
 *
 * @param values - The array to permute.
 * @param randomBelow - Returns an integer uniform in [0, `range`); `position` is the step's i.
 * @param steps - Positions to draw, from the end; default n − 1 (a full shuffle).
 * @example
 * const order = Int32Array.from({ length: 5 }, (_, i) => i);
 * fisherYates(order, (range) => Math.floor(Math.random() * range)); // a permutation of 0…4
 */
export function fisherYates<T>(
  values: MutableList<T>,
  randomBelow: (range: number, position: number) => number,
  steps = values.length - 1,
): void {
  const stop = Math.max(values.length - 1 - steps, 0);
  for (let i = values.length - 1; i > stop; i--) {
    const j = randomBelow(i + 1, i);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
