import { fmix32 } from '../../../../internal/fmix32';
import { fisherYates } from '../../../../internal/rng';

/**
 * The shuffle order of one epoch: a uniformly random permutation of 0…n−1 that depends only on
 * (`seed`, `epoch`), so epoch e of a resumed run sees exactly the batches of an uninterrupted one.
 *
 * Fisher–Yates driven by a 32-bit generator (splitmix32) whose state is a hash of the seed and
 * the epoch; no state carries over from one epoch to the next.
 *
 * @param n - Number of examples, a non-negative integer (< 2³²).
 * @param seed - Any finite number; its integer part is used (both 32-bit halves).
 * @param epoch - Epoch index, a non-negative integer.
 * @example
 * epochPermutation(5, 42, 0); // a permutation of [0, 1, 2, 3, 4]; the same on every call
 */
export function epochPermutation(n: number, seed: number, epoch: number): Int32Array {
  const random = splitmix32(hashSeedEpoch(seed, epoch));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  fisherYates(order, (range) => {
    // Unbiased index in [0, range) by rejection: draws at or above the largest multiple are redrawn.
    const limit = 2 ** 32 - (2 ** 32 % range);
    let draw = random();
    while (draw >= limit) draw = random();
    return draw % range;
  });
  return order;
}

/** A fresh random seed for runs that do not pass one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}

function hashSeedEpoch(seed: number, epoch: number): number {
  const integer = Math.trunc(seed);
  const low = integer >>> 0;
  const high = Math.floor(integer / 2 ** 32) >>> 0;
  let h = fmix32(low ^ 0x9e3779b9);
  h = fmix32(h ^ high);
  h = fmix32(h ^ Math.imul(epoch + 1, 0x85ebca6b));
  return h;
}

/** splitmix32: returns uniform 32-bit unsigned integers. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}
