import { describe, expect, it } from 'vitest';
import { epochPermutation } from './epoch-permutation';

describe('epochPermutation', () => {
  it('is a permutation of 0…n−1', () => {
    for (const n of [0, 1, 2, 7, 1000]) {
      const p = Array.from(epochPermutation(n, 3, 5)).sort((a, b) => a - b);
      expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('depends only on (seed, epoch)', () => {
    expect(epochPermutation(50, 42, 7)).toEqual(epochPermutation(50, 42, 7));
    epochPermutation(50, 42, 6); // no hidden state between calls
    expect(epochPermutation(50, 42, 7)).toEqual(epochPermutation(50, 42, 7));
    expect(epochPermutation(50, 42, 7)).not.toEqual(epochPermutation(50, 42, 8));
    expect(epochPermutation(50, 42, 7)).not.toEqual(epochPermutation(50, 43, 7));
    expect(epochPermutation(50, 2 ** 32 + 42, 7)).not.toEqual(epochPermutation(50, 42, 7));
  });

  it('gives the orders of an independent implementation, to the element', () => {
    // From internal/scripts/make-seed-values.py (Python integers, not 32-bit JavaScript arithmetic):
    // fmix32 over the seed's halves and the epoch, splitmix32, Fisher–Yates with rejection.
    expect(Array.from(epochPermutation(10, 42, 0))).toEqual([9, 3, 4, 5, 1, 0, 7, 6, 2, 8]);
    expect(Array.from(epochPermutation(10, 42, 3))).toEqual([1, 6, 4, 3, 0, 2, 8, 5, 7, 9]);
    expect(Array.from(epochPermutation(8, 2 ** 32 + 5, 1))).toEqual([6, 1, 3, 7, 4, 0, 2, 5]);
    expect(Array.from(epochPermutation(12, 0, 99))).toEqual([4, 1, 7, 10, 9, 6, 11, 0, 3, 5, 2, 8]);
  });

  it('puts each element at each position equally often (χ² over 4000 epochs)', () => {
    // n = 5 positions × 5 elements, 4000 permutations: each cell expects 800. Under uniformity the
    // χ² statistic over 25 cells has 16 degrees of freedom; P(χ²₁₆ > 39.25) = 0.001.
    const n = 5;
    const epochs = 4000;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let e = 0; e < epochs; e++) {
      const p = epochPermutation(n, 2024, e);
      for (let pos = 0; pos < n; pos++) counts[pos]![p[pos]!]! += 1;
    }
    const expected = epochs / n;
    let chi2 = 0;
    for (const row of counts) for (const c of row) chi2 += (c - expected) ** 2 / expected;
    expect(chi2).toBeLessThan(39.25);
  });
});
