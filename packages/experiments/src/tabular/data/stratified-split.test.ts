import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from './stratified-split';

describe('stratifiedSplit', () => {
  // 3 classes of 60, 30 and 10 rows; indices 100…199 of a larger label array.
  const labels = new Int32Array(200).fill(-1);
  for (let i = 0; i < 100; i++) labels[100 + i] = i < 60 ? 0 : i < 90 ? 1 : 2;
  const indices = Int32Array.from({ length: 100 }, (_, i) => 100 + i);

  it('takes round(15%) = 15 rows, allotted by class share (9, 4.5→4 or 5, 1.5→1 or 2)', () => {
    const { train, validation } = stratifiedSplit(indices, labels, 0.15, 1);
    expect(validation.length).toBe(15);
    expect(train.length).toBe(85);
    const count = (c: number) => [...validation].filter((i) => labels[i] === c).length;
    expect(count(0)).toBe(9);
    // Remainders .5 and .5 tie: the earlier class gets the extra row.
    expect(count(1)).toBe(5);
    expect(count(2)).toBe(1);
    expect(new Set([...train, ...validation]).size).toBe(100);
    expect([...train].every((i) => i >= 100)).toBe(true);
  });

  it('is reproducible from the seed and varies with it', () => {
    const a = stratifiedSplit(indices, labels, 0.15, 1).validation;
    expect(stratifiedSplit(indices, labels, 0.15, 1).validation).toEqual(a);
    expect(stratifiedSplit(indices, labels, 0.15, 2).validation).not.toEqual(a);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => stratifiedSplit(indices, labels, 1, 1)).toThrow(/fraction/);
  });
});
