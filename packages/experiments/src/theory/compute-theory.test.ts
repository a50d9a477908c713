import { describe, expect, it } from 'vitest';
import { UsageError } from '../common/usage-error';
import { computeTheory } from './compute-theory';

// Expected values: ../shared/PAPER.md (the paper's numbers and their double-precision recomputation).
describe('computeTheory', () => {
  const theory = computeTheory({ grid: 5 });

  it('finds the fixed point (0, 1) of g for ω = 0, τ = 1 by iteration', () => {
    expect(Math.abs(theory.fixedPoint.mean)).toBeLessThan(1e-9);
    expect(Math.abs(theory.fixedPoint.variance - 1)).toBeLessThan(1e-9);
  });

  it("gives the paper's Jacobian [[0, 0.088834], [0, 0.782648]] and spectral norm 0.7877", () => {
    const [[a, b], [c, d]] = theory.jacobian;
    expect(a).toBeCloseTo(0, 4);
    expect(b).toBeCloseTo(0.088834, 4);
    expect(c).toBeCloseTo(0, 4);
    expect(d).toBeCloseTo(0.782648, 4);
    expect(theory.spectralNorm).toBeCloseTo(0.787673, 4);
    expect(theory.contraction).toBe(true);
  });

  it('Theorem 1: g from every corner of Ω converges inside the stated bounds', () => {
    expect(theory.theorem1.corners).toHaveLength(16);
    expect(theory.theorem1.holds).toBe(true);
    const corner = theory.theorem1.corners.find(
      (c) => c.start.omega === 0.1 && c.start.tau === 1.1,
    )!;
    // PAPER.md (computed): ω = 0.1, τ = 1.1 converges to (0.0547, 1.4103).
    expect(corner.end.mean).toBeCloseTo(0.0547, 4);
    expect(corner.end.variance).toBeCloseTo(1.4103, 4);
    for (const c of theory.theorem1.corners) expect(c.spectralNorm).toBeLessThan(1);
  });

  it('samples the vector field on the grid over Ω', () => {
    expect(theory.vectorField).toHaveLength(25);
    const centre = theory.vectorField.find(
      (a) => a.mean === 0 && Math.abs(a.variance - 1.15) < 1e-12,
    )!;
    // At μ = 0 the mean does not move (ω = 0 makes μ̃ independent of μ, and μ̃(ν) ≈ 0 near ν = 1).
    expect(Math.abs(centre.dMean)).toBeLessThan(0.02);
    expect(centre.dVariance).toBeLessThan(0); // ν = 1.15 is pulled down towards 1
    expect(() => computeTheory({ grid: 1 })).toThrow(UsageError);
  });
});
