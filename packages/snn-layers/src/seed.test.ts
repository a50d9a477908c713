import { expect, it } from 'vitest';
import { deriveSeed } from './seed';

it('derives the same seed from the same seed and path', () => {
  expect(deriveSeed(42, 3, 1)).toBe(deriveSeed(42, 3, 1));
});

it('derives distinct non-negative 31-bit integers for neighbouring seeds and paths', () => {
  const seeds = new Set<number>();
  for (let seed = 0; seed < 20; seed++) {
    for (let i = 0; i < 50; i++) seeds.add(deriveSeed(seed, i));
  }
  expect(seeds.size).toBe(1000);
  for (const s of seeds) {
    expect(Number.isInteger(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(s).toBeLessThan(2 ** 31);
  }
  expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 1));
  expect(deriveSeed(-7)).not.toBe(deriveSeed(7));
});
