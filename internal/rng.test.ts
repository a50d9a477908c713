import { describe, expect, it } from 'vitest';
import { mulberry32, shuffleInPlace } from './rng';

describe('mulberry32', () => {
  it('matches the reference algorithm (Python, arbitrary-precision integers masked to 32 bits)', () => {
    const random = mulberry32(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
  });

  it('is reproducible and roughly uniform (mean of 1e5 draws within 4σ of 1/2)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const draws = Array.from({ length: 100_000 }, () => a());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    // σ of the mean = sqrt(1/12 / n)
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / draws.length));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});

describe('shuffleInPlace', () => {
  it('permutes arrays and typed arrays alike, the same way for the same seed', () => {
    const plain = [0, 1, 2, 3, 4, 5, 6];
    const typed = Int32Array.from(plain);
    shuffleInPlace(plain, mulberry32(5));
    shuffleInPlace(typed, mulberry32(5));
    expect([...typed]).toEqual(plain);
    expect([...plain].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('puts each element first with probability 1/n (4σ of a binomial over 20 000 shuffles)', () => {
    const n = 5;
    const trials = 20_000;
    const random = mulberry32(11);
    const first = new Array(n).fill(0);
    for (let t = 0; t < trials; t++) {
      const values = [0, 1, 2, 3, 4];
      shuffleInPlace(values, random);
      first[values[0]!]++;
    }
    const p = 1 / n;
    const sigma = Math.sqrt(trials * p * (1 - p));
    for (const count of first) expect(Math.abs(count - trials * p)).toBeLessThan(4 * sigma);
  });
});
