import { gaussianTerms, seluRawMoments } from './gaussian-selu';
import { type SeluMomentsInput, netInputMoments } from './selu-moments';
import { type SeluParams, resolveSeluParams } from './selu-params';

/** The Jacobian of the SELU mean/variance map and its spectral norm. */
export interface SeluJacobian {
  /** [[∂μ̃/∂μ, ∂μ̃/∂ν], [∂ν̃/∂μ, ∂ν̃/∂ν]]. */
  jacobian: [[number, number], [number, number]];
  /** Largest singular value of `jacobian`; < 1 means g is a contraction there. */
  spectralNorm: number;
}

/**
 * The 2×2 Jacobian of the paper's map g: (μ, ν) ↦ (μ̃, ν̃) at given ω, τ, and its spectral norm
 * (largest singular value). A norm below 1 at the fixed point is the paper's proof that SELU
 * networks self-normalize (Theorem 1).
 *
 * Analytic, with z ~ N(m, v), m = μω, v = ντ and Gaussian identities
 * ∂E[f(z)]/∂m = E[f′(z)], ∂E[f(z)]/∂v = ½·E[f″(z)] (f″ of the SELU has a point mass λ(1 − α)·δ(z)):
 *   ∂μ̃/∂μ = ω·λ·(Pr(z>0) + α·E[eᶻ; z≤0]),   ∂μ̃/∂ν = τ·½λ·(α·E[eᶻ; z≤0] + (1 − α)·p_z(0)),
 *   ∂ν̃/∂· = ∂E[selu(z)²]/∂· − 2μ̃·∂μ̃/∂·.
 * Spectral norm of [[a, b], [c, d]]: ½(√((a+d)² + (b−c)²) + √((a−d)² + (b+c)²)).
 *
 * @param input `{mean, variance, omega?, tau?}` as for {@link seluMoments}: μ finite, ν > 0,
 *   ω finite (default 0), τ > 0 (default 1).
 * @param params `{alpha?, lambda?}`, both > 0, default {@link SELU_ALPHA}, {@link SELU_LAMBDA}.
 * @example
 * seluJacobian({ mean: 0, variance: 1, omega: 0, tau: 1 });
 * // { jacobian: [[0, 0.0888348], [0, 0.7826479]], spectralNorm: 0.787673 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function seluJacobian(input: SeluMomentsInput, params?: SeluParams): SeluJacobian {
  const { m, v } = netInputMoments('seluJacobian', input);
  const { alpha, lambda } = resolveSeluParams('seluJacobian', params);
  const omega = input.omega ?? 0;
  const tau = input.tau ?? 1;
  const g = gaussianTerms(m, v);
  const { mean } = seluRawMoments(g, alpha, lambda);
  const l2 = lambda * lambda;
  const a2 = alpha * alpha;

  const dMeanDm = lambda * (g.P + alpha * g.E1);
  const dMeanDv = 0.5 * lambda * (alpha * g.E1 + (1 - alpha) * g.phi0);
  // selu² is C¹ at 0 (selu(0) = 0), so its second derivative has no point mass.
  const dSecondDm = 2 * l2 * (g.Z1 + a2 * (g.E2 - g.E1));
  const dSecondDv = l2 * (g.P + a2 * (2 * g.E2 - g.E1));
  const dVarDm = dSecondDm - 2 * mean * dMeanDm;
  const dVarDv = dSecondDv - 2 * mean * dMeanDv;

  const a = omega * dMeanDm;
  const b = tau * dMeanDv;
  const c = omega * dVarDm;
  const d = tau * dVarDv;
  const spectralNorm = 0.5 * (Math.hypot(a + d, b - c) + Math.hypot(a - d, b + c));
  return {
    jacobian: [
      [a, b],
      [c, d],
    ],
    spectralNorm,
  };
}
