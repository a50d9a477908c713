import { SnnError } from '../../../internal/snn-error';
import { SELU_ALPHA } from './constants';
import { gaussianTerms } from './gaussian-selu';
import { assertFinite, assertPositive } from './validate';

/** The fixed point to solve for, and the weight statistics under which it is a fixed point. */
export interface SeluParametersTarget {
  /** Target mean μ* of the activations (finite). Default 0. */
  mean?: number;
  /** Target variance ν* > 0 of the activations. Default 1. */
  variance?: number;
  /**
   * ω = Σw of the weights: the net input is z ~ N(μ*·ω, ν*·τ). Default 1, the convention of the
   * official `getSELUparameters` notebook (the SELU maps N(μ*, ν*) to mean μ*, variance ν*), which
   * reproduces the published (−0.1, 2) parameters. Irrelevant when μ* = 0.
   */
  omega?: number;
  /** τ = Σw² > 0 of the weights. Default 1. */
  tau?: number;
}

/**
 * Solves for the SELU parameters α, λ whose activations have the target mean μ* and variance ν* as
 * a fixed point, generalising α01, λ01 (paper eq. 14; official notebook `getSELUparameters`).
 *
 * With z ~ N(m, v), m = μ*ω, v = ν*τ: E[selu(z)] = λ·M₁(α) with M₁ = E[z⁺] + α·E[(eᶻ − 1)·1{z≤0}],
 * E[selu(z)²] = λ²·M₂(α) with M₂ = E[(z⁺)²] + α²·E[(eᶻ − 1)²·1{z≤0}]. The conditions λM₁ = μ*,
 * λ²M₂ = ν* + μ*² eliminate λ and leave a quadratic in α, μ*²·M₂(α) = (ν* + μ*²)·M₁(α)², solved in
 * closed form in double precision and refined by one Newton step; λ = μ* / M₁(α) (or √((ν*+μ*²)/M₂)
 * when μ* = 0). Of the roots, the one with α > 0 and λ > 0 is returned.
 *
 * @param target `{mean?, variance?, omega?, tau?}`: μ* finite (default 0), ν* > 0 (default 1),
 *   ω finite (default 1), τ > 0 (default 1).
 * @returns `{alpha, lambda}`.
 * @throws SnnError if an argument is out of range or no positive α, λ has the target as fixed point.
 * @example
 * seluParameters(); // { alpha: 1.6732632423543774, lambda: 1.0507009873554805 } (= SELU_ALPHA, SELU_LAMBDA)
 * seluParameters({ mean: -0.1, variance: 2 }); // { alpha: 1.976902195424201, lambda: 1.0738512396160458 }
 * seluParameters({ mean: 0, variance: 2 }); // { alpha: 1.9712557503462693, lambda: 1.0607090761030122 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function seluParameters(target: SeluParametersTarget = {}): {
  alpha: number;
  lambda: number;
} {
  const fn = 'seluParameters';
  if (target === null || typeof target !== 'object') {
    throw new SnnError(
      `${fn}: \`target\` must be an object {mean?, variance?}, got ${String(target)}; omit it for (0, 1)`,
    );
  }
  const mu = assertFinite(fn, 'target.mean', target.mean ?? 0, 'pass the target mean, e.g. 0');
  const nu = assertPositive(fn, 'target.variance', target.variance ?? 1, 'pass e.g. 1');
  const omega = assertFinite(fn, 'target.omega', target.omega ?? 1, 'omit it for 1');
  const tau = assertPositive(fn, 'target.tau', target.tau ?? 1, 'omit it for 1');

  const g = gaussianTerms(mu * omega, nu * tau);
  // M₁(α) = b + a·α, M₂(α) = d + c·α²
  const b = g.Z1;
  const a = g.E1 - g.Q;
  const d = g.Z2;
  const c = g.E2 - 2 * g.E1 + g.Q;
  const second = nu + mu * mu;

  const solution = (alpha: number) => {
    const m1 = b + a * alpha;
    const lambda = mu === 0 ? Math.sqrt(second / (d + c * alpha * alpha)) : mu / m1;
    return { alpha, lambda };
  };

  if (mu === 0) {
    const alpha = -b / a;
    if (alpha > 0 && Number.isFinite(alpha)) return solution(alpha);
  } else {
    // q2·α² + q1·α + q0 = 0
    const q2 = mu * mu * c - second * a * a;
    const q1 = -2 * second * a * b;
    const q0 = mu * mu * d - second * b * b;
    const f = (x: number) => (q2 * x + q1) * x + q0;
    const df = (x: number) => 2 * q2 * x + q1;
    let roots: number[];
    if (q2 === 0) {
      roots = [-q0 / q1];
    } else {
      const disc = q1 * q1 - 4 * q2 * q0;
      if (disc < 0) roots = [];
      else {
        // Stable form of the quadratic formula (no cancellation between q1 and √disc).
        const q = -0.5 * (q1 + Math.sign(q1 || 1) * Math.sqrt(disc));
        roots = [q / q2, q0 / q];
      }
    }
    const valid = roots
      .map((x) => {
        const step = df(x);
        return step !== 0 && Number.isFinite(x) ? x - f(x) / step : x;
      })
      .map(solution)
      .filter((s) => s.alpha > 0 && s.lambda > 0 && Number.isFinite(s.lambda))
      .sort((p, r) => Math.abs(p.alpha - SELU_ALPHA) - Math.abs(r.alpha - SELU_ALPHA));
    if (valid.length > 0) return valid[0]!;
  }
  throw new SnnError(
    `${fn}: no SELU parameters α > 0, λ > 0 have mean ${mu}, variance ${nu} as fixed point (ω = ${omega}, τ = ${tau}); choose a target closer to (0, 1)`,
  );
}
