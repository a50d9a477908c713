import { fmix32 } from '../../../../internal/fmix32';

/**
 * A seed for one trained configuration, derived from the run's seed and the configuration's store
 * key by FNV-1a hashing and MurmurHash3's finalizer (`fmix32`): a task gets the same seed
 * whichever process, worker, shard or resumed run trains it, so every way of splitting a grid
 * gives the same results.
 *
 * @returns an integer in [0, 2³¹).
 * @example
 * taskSeed(1, 'iris/fold1/snn/depth=2/width=16'); // the same number on every machine
 * @see https://arxiv.org/abs/1706.02515
 */
export function taskSeed(seed: number, key: string): number {
  let h = 0x811c9dc5;
  const text = `${seed}:${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche so that similar keys give unrelated seeds.
  return fmix32(h) % 0x7fffffff;
}
