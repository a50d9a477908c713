// Reference values: the paper, the official getSELUparameters notebook, and root finding on moments
// integrated with scipy.integrate.quad (src/fixtures/selu-parameters.json), regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { SELU_ALPHA, SELU_LAMBDA } from './constants';
import fixtures from './fixtures/selu-parameters.json';
import { seluMoments } from './selu-moments';
import { seluParameters } from './selu-parameters';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('seluParameters', () => {
  it('reproduces α01, λ01 within 1e-9 relative for the default target (0, 1)', () => {
    const { alpha, lambda } = seluParameters();
    expect(rel(alpha, 1.6732632423543772)).toBeLessThan(1e-9);
    expect(rel(lambda, 1.0507009873554805)).toBeLessThan(1e-9);
    expect(rel(alpha, SELU_ALPHA)).toBeLessThan(1e-15);
    expect(rel(lambda, SELU_LAMBDA)).toBeLessThan(1e-15);
  });

  it('reproduces the notebook’s (−0.1, 2) → 1.9769021954242, 1.0738512396160 within 1e-8', () => {
    const { alpha, lambda } = seluParameters({ mean: -0.1, variance: 2 });
    expect(rel(alpha, 1.9769021954242)).toBeLessThan(1e-8);
    expect(rel(lambda, 1.073851239616)).toBeLessThan(1e-8);
  });

  it('reproduces the paper’s α02 ≈ 1.97126, λ02 ≈ 1.06071 for (0, 2)', () => {
    const { alpha, lambda } = seluParameters({ variance: 2 });
    expect(alpha).toBeCloseTo(1.97126, 5);
    expect(lambda).toBeCloseTo(1.06071, 5);
  });

  for (const t of fixtures.targets) {
    it(`matches root finding on integrated moments for (${t.mean}, ${t.variance}), ω=${t.omega}`, () => {
      const { alpha, lambda } = seluParameters(t);
      expect(rel(alpha, t.alpha)).toBeLessThan(1e-10);
      expect(rel(lambda, t.lambda)).toBeLessThan(1e-10);
      // and the target is a fixed point of the map g with those parameters
      const out = seluMoments(
        { mean: t.mean, variance: t.variance, omega: t.omega, tau: t.tau },
        { alpha, lambda },
      );
      expect(Math.abs(out.mean - t.mean)).toBeLessThan(1e-12);
      expect(Math.abs(out.variance - t.variance)).toBeLessThan(1e-12);
    });
  }

  it('rejects an invalid or unreachable target with an SnnError', () => {
    expect(() => seluParameters({ variance: -1 })).toThrow(SnnError);
    expect(() => seluParameters({ mean: Number.POSITIVE_INFINITY })).toThrow(/`target.mean`/);
    expect(() => seluParameters({ mean: 5, variance: 0.01 })).toThrow(/no SELU parameters/);
  });
});
