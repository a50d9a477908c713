import { describe, expect, it } from 'vitest';
import { isScaledLikeUci121, scaleLikeUci121 } from './uci121-scale';

const split = (x: number[], d: number) => ({
  x: new Float32Array(x),
  y: new Int32Array(x.length / d),
  n: x.length / d,
  d,
});

describe("scaleLikeUci121 (R's scale, each file on its own)", () => {
  it('divides by the sample standard deviation (n − 1) and zeroes a constant column', () => {
    // Column 1: 1, 2, 3 → mean 2, s = 1. Column 2: constant 5 → 0. Column 3: 0, 0, 6 → mean 2,
    // s = √((4 + 4 + 16) / 2) = √12.
    const out = scaleLikeUci121(split([1, 5, 0, 2, 5, 0, 3, 5, 6], 3));
    const want = [-1, 0, -2 / Math.sqrt(12), 0, 0, -2 / Math.sqrt(12), 1, 0, 4 / Math.sqrt(12)];
    Array.from(out.x).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });

  it('returns a scaled file itself, values untouched', () => {
    const s = split([-1, 0, 1], 1);
    expect(isScaledLikeUci121(s)).toBe(true);
    expect(scaleLikeUci121(s)).toBe(s);
    // Off by more than the tolerance in the mean, or in the standard deviation: not scaled.
    expect(isScaledLikeUci121(split([-1, 0.01, 1.02], 1))).toBe(false);
    expect(isScaledLikeUci121(split([-1.1, 0, 1.1], 1))).toBe(false);
    // A constant column counts as scaled only when it is all 0.
    expect(isScaledLikeUci121(split([0, 0, 0], 1))).toBe(true);
    expect(isScaledLikeUci121(split([2, 2, 2], 1))).toBe(false);
  });
});
