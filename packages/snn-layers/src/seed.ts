/**
 * Seed derivation: one user seed fans out into a distinct, reproducible seed for every weight.
 *
 * `deriveSeed(seed, i, j)` hashes the seed together with a path (layer index, kernel index) through
 * a 32-bit integer mixer, so neighbouring paths give unrelated seeds and the same path always gives
 * the same seed.
 */

/**
 * Chris Wellons's "lowbias32": the shape of MurmurHash3's finaliser (`fmix32` in internal/) with
 * other multipliers and a 15-bit middle shift. Not interchangeable with `fmix32`: every seed
 * `buildFnn` derives, and so every initial weight, depends on these constants.
 */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A non-negative 31-bit integer seed derived from `seed` and a path of integers.
 *
 * @param seed Any finite number; its integer part modulo 2³² is used.
 * @param path Integers naming the position (e.g. layer index, kernel index).
 * @example deriveSeed(42, 3) // the seed of hidden layer 3 (0-based) in buildFnn({seed: 42, …})
 * @see https://arxiv.org/abs/1706.02515
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  const base = Math.trunc(seed) % 4294967296;
  let h = mix32((base + 4294967296) >>> 0);
  for (const step of path) {
    h = mix32((h ^ mix32((Math.trunc(step) + 0x9e3779b9) >>> 0)) >>> 0);
  }
  return h >>> 1;
}

/**
 * The path element that turns a layer's seed path into its dropout's: `deriveSeed(seed, i,
 * DROPOUT_SEED_PATH)` seeds the masks after hidden layer i in `buildFnn` (kernel indices are ≥ 0,
 * so the two never meet).
 */
export const DROPOUT_SEED_PATH = -1;
