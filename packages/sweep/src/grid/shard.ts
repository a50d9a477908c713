import { SnnError } from '../../../../internal/snn-error';

/** Part `index` (1-based) of `count` equal parts of a grid. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses a shard `i/n` (1 ≤ i ≤ n), e.g. `3/8` or, under SLURM, `$SLURM_ARRAY_TASK_ID/8` with
 * `--array=1-8`.
 *
 * @example
 * parseShard('2/4'); // { index: 2, count: 4 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new SnnError(
      `\`shard\` must be i/n with 1 ≤ i ≤ n (e.g. 1/4), got ${JSON.stringify(text)}; number the shards from 1`,
    );
  }
  return { index, count };
}

/**
 * The keys that belong to one shard: the sorted keys dealt out round-robin, so each shard gets a
 * similar mix of small and large networks and every key lands in exactly one shard.
 *
 * @example
 * shardKeys(['c', 'a', 'b'], { index: 1, count: 2 }); // ['a', 'c']
 * @see https://arxiv.org/abs/1706.02515
 */
export function shardKeys(keys: readonly string[], shard: Shard): string[] {
  const sorted = [...keys].sort();
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}
