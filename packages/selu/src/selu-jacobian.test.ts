// Reference values: five-point finite differences of moments integrated with scipy.integrate.quad
// (src/fixtures/selu-moments.json), regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/selu-moments.json';
import { seluJacobian } from './selu-jacobian';

describe('seluJacobian', () => {
  it('is the paper’s [[0, 0.088834], [0, 0.782648]] with norm 0.7877 at (0, 1, 0, 1)', () => {
    const { jacobian, spectralNorm } = seluJacobian({ mean: 0, variance: 1, omega: 0, tau: 1 });
    expect(jacobian[0][0]).toBe(0);
    expect(jacobian[1][0]).toBe(0);
    // the paper prints 6 decimals, truncated (0.0888348 → 0.088834)
    expect(Math.abs(jacobian[0][1] - 0.088834)).toBeLessThan(1e-6);
    expect(Math.abs(jacobian[1][1] - 0.782648)).toBeLessThan(1e-6);
    expect(Math.abs(spectralNorm - 0.7877)).toBeLessThan(5e-5);
    expect(spectralNorm).toBeLessThan(1);
  });

  for (const p of fixtures.points.filter((q) => q.jacobian !== undefined)) {
    it(`matches finite differences of integrated moments at μ=${p.mean} ν=${p.variance} ω=${p.omega} τ=${p.tau}`, () => {
      const { jacobian, spectralNorm } = seluJacobian(
        { mean: p.mean, variance: p.variance, omega: p.omega, tau: p.tau },
        { alpha: p.alpha, lambda: p.lambda },
      );
      const want = p.jacobian!;
      for (const i of [0, 1]) {
        for (const j of [0, 1]) {
          const ref = want[i]![j]!;
          expect(Math.abs(jacobian[i as 0 | 1][j as 0 | 1] - ref)).toBeLessThan(
            1e-8 * Math.max(1, Math.abs(ref)),
          );
        }
      }
      expect(Math.abs(spectralNorm - p.spectralNorm!)).toBeLessThan(
        1e-8 * Math.max(1, p.spectralNorm!),
      );
    });
  }
});
