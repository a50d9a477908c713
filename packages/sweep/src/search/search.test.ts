import { describe, expect, it } from 'vitest';
import { expandAxes } from '../grid/expand-axes';
import { randomPoint } from './random-point';
import { intLogRange, intRange, logRange, range } from './range';
import { searchPointId, searchPoints } from './search-points';
import { grid, random } from './search-strategy';

// Statistical checks: N draws with a fixed seed; a frequency p̂ of an event of probability p is
// within Z·√(p(1−p)/N) of p, a mean within Z·σ/√N (Z = 4.5: a false alarm per check ≈ 7e-6).
const N = 20_000;
const Z = 4.5;
const draws = <T>(space: Record<string, unknown>, seed = 11): T[] =>
  Array.from({ length: N }, (_, i) => randomPoint(space as never, seed, i) as T);
const expectFrequency = (hits: number, p: number) =>
  expect(Math.abs(hits / N - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / N));
const expectMean = (values: number[], mean: number, sd: number) =>
  expect(Math.abs(values.reduce((a, b) => a + b, 0) / N - mean)).toBeLessThan(
    (Z * sd) / Math.sqrt(N),
  );

describe('random search: distributions (formula, fixed seed)', () => {
  it('range(low, high): uniform — mean (low+high)/2, sd (high−low)/√12, quartiles at their place', () => {
    const xs = draws<{ x: number }>({ x: range(-2, 6) }).map((p) => p.x);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThan(6);
    expectMean(xs, 2, 8 / Math.sqrt(12));
    for (const q of [0.1, 0.25, 0.5, 0.9])
      expectFrequency(xs.filter((x) => x < -2 + 8 * q).length, q);
  });

  it('logRange: ln x uniform on [ln low, ln high] — each decade equally likely', () => {
    const xs = draws<{ lr: number }>({ lr: logRange(1e-4, 1) }).map((p) => p.lr);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    const logs = xs.map(Math.log);
    const [a, b] = [Math.log(1e-4), 0];
    expectMean(logs, (a + b) / 2, (b - a) / Math.sqrt(12));
    for (const decade of [1e-4, 1e-3, 1e-2, 1e-1]) {
      expectFrequency(xs.filter((x) => x >= decade && x < decade * 10).length, 0.25);
    }
  });

  it('intRange(low, high): every integer of [low, high] with probability 1/(high−low+1)', () => {
    const ks = draws<{ k: number }>({ k: intRange(3, 9) }).map((p) => p.k);
    for (let k = 3; k <= 9; k++) expectFrequency(ks.filter((v) => v === k).length, 1 / 7);
    expect(ks.every((k) => Number.isInteger(k) && k >= 3 && k <= 9)).toBe(true);
  });

  it('intLogRange(low, high): P(k) = ln((k+1)/k) / ln((high+1)/low)', () => {
    const ks = draws<{ w: number }>({ w: intLogRange(2, 40) }).map((p) => p.w);
    const norm = Math.log(41 / 2);
    for (const k of [2, 3, 5, 10, 20, 40]) {
      expectFrequency(ks.filter((v) => v === k).length, Math.log((k + 1) / k) / norm);
    }
    expect(ks.every((k) => Number.isInteger(k) && k >= 2 && k <= 40)).toBe(true);
  });

  it('choices: each with probability 1/n; dimensions drawn independently', () => {
    const points = draws<{ a: string; b: number }>({ a: ['x', 'y', 'z'], b: [1, 2] });
    for (const a of ['x', 'y', 'z']) {
      expectFrequency(points.filter((p) => p.a === a).length, 1 / 3);
      for (const b of [1, 2]) {
        expectFrequency(points.filter((p) => p.a === a && p.b === b).length, 1 / 6);
      }
    }
  });

  it('consecutive trials are uncorrelated: |r| < Z/√N', () => {
    const xs = draws<{ x: number }>({ x: range(0, 1) }).map((p) => p.x);
    const m = xs.reduce((a, b) => a + b, 0) / N;
    let cov = 0;
    let varSum = 0;
    for (let i = 0; i < N; i++) {
      varSum += (xs[i]! - m) ** 2;
      if (i > 0) cov += (xs[i]! - m) * (xs[i - 1]! - m);
    }
    expect(Math.abs(cov / varSum)).toBeLessThan(Z / Math.sqrt(N));
  });
});

describe('random search: trial i is a function of (seed, i) alone', () => {
  const space = { lr: logRange(1e-3, 1), depth: intRange(1, 8), shape: ['conic', 'flat'] };

  it('the same in any order, and a larger trial count only adds trials', () => {
    const inOrder = Array.from({ length: 50 }, (_, i) => randomPoint(space, 5, i));
    const order = Array.from({ length: 50 }, (_, i) => (i * 37) % 50);
    const shuffled: unknown[] = [];
    for (const i of order) shuffled[i] = randomPoint(space, 5, i);
    expect(shuffled).toEqual(inOrder);
    const ten = searchPoints(space, random({ trials: 10 }), 5);
    const twenty = searchPoints(space, random({ trials: 20 }), 5);
    expect(twenty.slice(0, 10)).toEqual(ten);
    expect(ten.map((p) => p.index)).toEqual([...Array(10).keys()]);
    expect(ten[3]!.id).toBe(
      `trial=3/lr=${ten[3]!.config.lr}/depth=${ten[3]!.config.depth}/shape=${ten[3]!.config.shape}`,
    );
  });

  it('another seed draws other points; adding a dimension leaves the others unchanged', () => {
    const a = searchPoints(space, random({ trials: 20 }), 5).map((p) => p.config.lr);
    const b = searchPoints(space, random({ trials: 20 }), 6).map((p) => p.config.lr);
    expect(a.filter((x, i) => x === b[i])).toEqual([]);
    const wider = searchPoints({ ...space, dropout: range(0, 0.5) }, random({ trials: 20 }), 5);
    expect(wider.map((p) => p.config.lr)).toEqual(a);
  });
});

describe('grid search and checks', () => {
  it('a grid is a space of choices enumerated in full (expandAxes)', () => {
    const axes = { depth: [2, 4], lr: [0.1, 0.01, 0.001] };
    const points = searchPoints(axes, grid(), 1);
    expect(points.map((p) => p.config)).toEqual(expandAxes(axes));
    expect(points[1]!.id).toBe('depth=2/lr=0.01');
  });

  it('a random trial is named trial=<i>/ before its configuration, a grid point by its configuration', () => {
    const [, second] = searchPoints({ depth: [2, 4] }, random({ trials: 2 }), 1);
    expect(second!.id).toBe(`trial=1/depth=${second!.config.depth}`);
    expect(searchPointId({ depth: 2, lr: 0.1 })).toBe('depth=2/lr=0.1');
    expect(searchPointId({ depth: 2, lr: 0.1 }, 0)).toBe('trial=0/depth=2/lr=0.1');
  });

  it('refuses a range in a grid, a bad trial count and bad ranges, naming them', () => {
    expect(() => searchPoints({ lr: logRange(1e-3, 1) }, grid(), 1)).toThrow(
      /`space.lr` is a range.*random\(\{ trials \}\)/,
    );
    expect(() => random({ trials: 0 })).toThrow(/`trials` must be an integer ≥ 1.*got 0/);
    expect(() => logRange(0, 1)).toThrow(/logRange\(0, 1\).*`low` > 0/);
    expect(() => intRange(1.5, 3)).toThrow(/intRange\(1.5, 3\).*integer bounds/);
    expect(() => range(2, 1)).toThrow(/range\(2, 1\).*≤ `high`/);
  });
});
