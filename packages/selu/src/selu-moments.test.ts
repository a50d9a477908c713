// Reference values: scipy.integrate.quad in float64 (src/fixtures/selu-moments.json), regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import fixtures from './fixtures/selu-moments.json';
import { seluMoments } from './selu-moments';

/** |got − want| relative to max(1, |want|): relative for large values, absolute near 0. */
function mixedError(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(1, Math.abs(want));
}

describe('seluMoments', () => {
  for (const p of fixtures.points) {
    const v = p.variance * p.tau;
    it(`matches numerical integration to 1e-9 at μ=${p.mean} ν=${p.variance} ω=${p.omega} τ=${p.tau} (ν·τ=${v})`, () => {
      const out = seluMoments(
        { mean: p.mean, variance: p.variance, omega: p.omega, tau: p.tau },
        { alpha: p.alpha, lambda: p.lambda },
      );
      expect(Number.isFinite(out.mean) && Number.isFinite(out.variance)).toBe(true);
      expect(mixedError(out.mean, p.outMean)).toBeLessThan(1e-9);
      expect(mixedError(out.variance, p.outVariance)).toBeLessThan(1e-9);
    });
  }

  it('has (0, 1) as fixed point of the standard SELU, with ω = 0, τ = 1 by default', () => {
    const out = seluMoments({ mean: 0, variance: 1 });
    expect(Math.abs(out.mean)).toBeLessThan(1e-15);
    expect(Math.abs(out.variance - 1)).toBeLessThan(1e-14);
  });

  it('stays finite far out (ν·τ = 1e4, m = ±50)', () => {
    for (const mean of [-50, 0, 50]) {
      const out = seluMoments({ mean, variance: 1e4, omega: 1, tau: 1 });
      expect(Number.isFinite(out.mean) && out.variance > 0).toBe(true);
    }
  });

  it('rejects invalid input with an SnnError naming the argument', () => {
    expect(() => seluMoments({ mean: 0, variance: 0 })).toThrow(SnnError);
    expect(() => seluMoments({ mean: Number.NaN, variance: 1 })).toThrow(/`input.mean`/);
    expect(() => seluMoments({ mean: 0, variance: 1, tau: -1 })).toThrow(
      /`input.tau` must be > 0, got -1/,
    );
    expect(() => seluMoments({ mean: 0, variance: 1 }, { alpha: 0 })).toThrow(/`alpha`/);
  });
});
