import { fisherYates } from '../../../internal/fisher-yates';

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator whose outputs pass
 * PractRand to 2^32 bytes. It is used only to make shuffles and folds reproducible from a
 * `seed`, never for anything statistical beyond that. Returns floats in [0, 1).
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

/** Fisher–Yates shuffle of `values` in place, j = ⌊random() · (i + 1)⌋ at position i. */
export function shuffleInPlace(values: Int32Array, random: () => number): void {
  fisherYates(values, (range) => Math.floor(random() * range));
}

/** Row indices of each class, in row order: `byClass[c]` lists the rows whose label is `c`. */
export function rowsByClass(labels: ArrayLike<number>, classes: number): Int32Array[] {
  const counts = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  const byClass = Array.from({ length: classes }, (_, c) => new Int32Array(counts[c]!));
  const filled = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    byClass[c]![filled[c]!++] = i;
  }
  return byClass;
}
