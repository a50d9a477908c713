import { describe, expect, it } from 'vitest';
import { nestedCvSplit, stratifiedFolds } from './folds';
import { subset } from './split';

describe('stratifiedFolds', () => {
  // 103 rows: class 0 ×71, class 1 ×23, class 2 ×9, interleaved.
  const labels = Int32Array.from({ length: 103 }, (_, i) => (i < 71 ? 0 : i < 94 ? 1 : 2));

  it('balances fold sizes and each class within one row, reproducibly', () => {
    const folds = stratifiedFolds(labels, 10, 3);
    const size = new Array(10).fill(0);
    const perClass = [0, 1, 2].map(() => new Array(10).fill(0));
    folds.forEach((f, i) => {
      size[f]++;
      perClass[labels[i]!]![f]++;
    });
    expect(Math.max(...size) - Math.min(...size)).toBeLessThanOrEqual(1);
    for (const c of perClass) expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    expect(Array.from(stratifiedFolds(labels, 10, 3))).toEqual(Array.from(folds));
    expect(Array.from(stratifiedFolds(labels, 10, 4))).not.toEqual(Array.from(folds));
  });

  it('refuses k < 2 and negative labels', () => {
    expect(() => stratifiedFolds(labels, 1)).toThrow(/`k` must be an integer ≥ 2/);
    expect(() => stratifiedFolds([0, -1], 2)).toThrow(/`labels\[1\]` must be a class index/);
  });
});

describe('nestedCvSplit', () => {
  it('test = fold m, validation = fold m − 1 (wrapping), train = the rest', () => {
    const folds = Int32Array.from({ length: 30 }, (_, i) => i % 10);
    const s0 = nestedCvSplit(folds, 0);
    expect(Array.from(s0.test)).toEqual([0, 10, 20]);
    expect(Array.from(s0.validation)).toEqual([9, 19, 29]);
    expect(s0.train.length).toBe(24);
    const s4 = nestedCvSplit(folds, 4);
    expect(Array.from(s4.validation)).toEqual([3, 13, 23]);
    expect(() => nestedCvSplit(folds, 10)).toThrow(/`m` must be a fold index in \[0, 10\)/);
  });
});

describe('subset', () => {
  it('copies the chosen rows of x and y, in order', () => {
    const s = {
      x: Float32Array.from([0, 1, 10, 11, 20, 21]),
      y: Int32Array.from([5, 6, 7]),
      n: 3,
      d: 2,
    };
    const t = subset(s, [2, 0]);
    expect([Array.from(t.x), Array.from(t.y), t.n, t.d]).toEqual([[20, 21, 0, 1], [7, 5], 2, 2]);
    const multi = { x: new Float32Array(2), y: Float32Array.from([1, 2, 3, 4]), n: 2, d: 1 };
    expect(Array.from(subset(multi, [1]).y)).toEqual([3, 4]);
    expect(() => subset(s, [3])).toThrow(
      /`indices\[0\]` must be an integer row index in \[0, 3\), got 3/,
    );
  });
});
