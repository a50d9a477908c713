import { gaussianTerms, seluRawMoments } from './gaussian-selu';
import { type SeluParams, resolveSeluParams } from './selu-params';
import { assertFinite, assertPositive } from './validate';

/** Statistics of a layer's input and weights, the arguments of the SELU mean/variance map g. */
export interface SeluMomentsInput {
  /** Mean μ of the previous layer's activations (finite). */
  mean: number;
  /** Variance ν > 0 of the previous layer's activations. */
  variance: number;
  /** ω = Σᵢ wᵢ, the sum of a unit's incoming weights. Default 0. */
  omega?: number;
  /** τ = Σᵢ wᵢ² > 0, the sum of squared incoming weights. Default 1. */
  tau?: number;
}

/** Mean and variance of a distribution. */
export interface Moments {
  mean: number;
  variance: number;
}

/** Validates the input of g and returns m = μω, v = ντ. */
export function netInputMoments(fn: string, input: SeluMomentsInput): { m: number; v: number } {
  const mean = assertFinite(fn, 'input.mean', input?.mean, 'pass the activations’ mean, e.g. 0');
  const variance = assertPositive(
    fn,
    'input.variance',
    input?.variance,
    'pass the activations’ variance, e.g. 1',
  );
  const omega = assertFinite(fn, 'input.omega', input.omega ?? 0, 'pass Σw or omit it for 0');
  const tau = assertPositive(fn, 'input.tau', input.tau ?? 1, 'pass Σw² or omit it for 1');
  const v = variance * tau;
  assertPositive(fn, 'input.variance·input.tau', v, 'the net input variance must not underflow');
  return { m: mean * omega, v };
}

/**
 * The paper's mean/variance map g: the mean μ̃ and variance ν̃ of SELU activations of a unit whose
 * inputs have mean μ, variance ν and whose weights have ω = Σw, τ = Σw² (eq. 3–5).
 *
 * With z ~ N(μω, ντ) (central limit theorem): μ̃ = E[selu(z)], ν̃ = E[selu(z)²] − μ̃²; in closed form
 * μ̃ = ½λ[m·erf(m/√(2v)) + α·e^{m+v/2}·erfc((m+v)/√(2v)) − α·erfc(m/√(2v)) + √(2/π)·√v·e^{−m²/(2v)} + m]
 * with m = μω, v = ντ (E[selu(z)²] likewise). The e^{…}·erfc(…) products are evaluated through the
 * scaled erfcx, so large ν·τ neither overflows nor cancels (accurate to ≈1e-13 for ν·τ up to and
 * beyond 20).
 *
 * @param input `{mean, variance, omega?, tau?}`: μ finite, ν > 0, ω finite (default 0), τ > 0
 *   (default 1).
 * @param params `{alpha?, lambda?}`, both > 0, default {@link SELU_ALPHA}, {@link SELU_LAMBDA}.
 * @returns `{mean: μ̃, variance: ν̃}`.
 * @example
 * seluMoments({ mean: 0, variance: 1 }); // { mean: 5.8e-17, variance: 1 }: the fixed point
 * seluMoments({ mean: 0.1, variance: 1.2, omega: 0.1, tau: 1.05 }); // { mean: 0.0329060, variance: 1.2014178 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function seluMoments(input: SeluMomentsInput, params?: SeluParams): Moments {
  const { m, v } = netInputMoments('seluMoments', input);
  const { alpha, lambda } = resolveSeluParams('seluMoments', params);
  const { mean, second } = seluRawMoments(gaussianTerms(m, v), alpha, lambda);
  return { mean, variance: second - mean * mean };
}
