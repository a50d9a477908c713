import { describe, expect, it } from 'vitest';
import { expandAxes, pointId } from './expand-axes';
import { parseShard, shardKeys } from './shard';
import { taskSeed } from './task-seed';

describe('expandAxes', () => {
  it('is the cartesian product, first axis slowest, of size ∏|axis|', () => {
    const points = expandAxes({ depth: [2, 4, 8], lr: [0.1, 0.01], shape: ['conic'] });
    expect(points).toHaveLength(3 * 2 * 1);
    expect(points.slice(0, 3)).toEqual([
      { depth: 2, lr: 0.1, shape: 'conic' },
      { depth: 2, lr: 0.01, shape: 'conic' },
      { depth: 4, lr: 0.1, shape: 'conic' },
    ]);
    expect(new Set(points.map(pointId)).size).toBe(6);
  });

  it('has one empty point for no axes and refuses an empty axis by name', () => {
    expect(expandAxes({})).toEqual([{}]);
    expect(() => expandAxes({ depth: [2], lr: [] })).toThrow(/axis 'lr' has no values/);
  });

  it('names points name=value in key order', () => {
    expect(pointId({ depth: 2, lr: 0.1, shape: 'conic', skip: undefined })).toBe(
      'depth=2/lr=0.1/shape=conic',
    );
  });
});

describe('shards and seeds', () => {
  it('parses i/n and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow();
  });

  it('every key lands in exactly one shard', () => {
    const keys = Array.from({ length: 23 }, (_, i) => `k${i}`);
    const parts = [1, 2, 3].map((index) => shardKeys(keys, { index, count: 3 }));
    expect(parts.flat().sort()).toEqual([...keys].sort());
    expect(parts.map((p) => p.length)).toEqual([8, 8, 7]);
  });

  it('task seeds are FNV-1a of "seed:key" with the murmur3 finalizer (Python reference)', () => {
    expect(taskSeed(1, 'a')).toBe(171730747);
    expect(taskSeed(1, 'iris/fold1/snn/depth=2/width=16')).toBe(1835657815);
    // internal/scripts/make-seed-values.py: the seeds of Tox21's and a UCI fold's validation split.
    expect(taskSeed(3, 'tox21/validation')).toBe(848777784);
    expect(taskSeed(12345, 'iris/fold1/validation')).toBe(669552993);
    expect(taskSeed(1, 'a')).not.toBe(taskSeed(2, 'a'));
    expect(taskSeed(7, 'x')).toBeGreaterThanOrEqual(0);
    expect(taskSeed(7, 'x')).toBeLessThan(2 ** 31);
  });
});
