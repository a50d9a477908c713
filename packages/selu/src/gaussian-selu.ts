/**
 * Gaussian expectations of the SELU in closed form, the building blocks of the paper's mapping g
 * (eq. 3–5) and of its Jacobian. Internal: `seluMoments`, `seluJacobian` and `seluParameters`
 * are the public faces.
 *
 * For z ~ N(m, v), s = √v, t = m/(√2·s):
 *   P    = Pr(z > 0)             = ½·erfc(−t)
 *   φ₀   = density of z at 0     = e^{−t²}/√(2πv)
 *   Z₁   = E[z·1{z>0}]           = m·P + v·φ₀
 *   Z₂   = E[z²·1{z>0}]          = (m² + v)·P + m·v·φ₀
 *   E_k  = E[e^{kz}·1{z≤0}]      = e^{km + k²v/2}·½·erfc(u_k),  u_k = (m + k·v)/(√2·s)
 * E_k is evaluated as ½·e^{−t²}·erfcx(u_k) when u_k ≥ 0 (since u_k² − t² = km + k²v/2), so neither
 * the huge exponential nor the tiny erfc is ever formed; for u_k < 0 the exponent is negative and
 * the direct product is safe.
 */
import { erfc, erfcx } from './special-functions';

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

export interface GaussianTerms {
  /** Pr(z > 0). */
  P: number;
  /** Pr(z ≤ 0). */
  Q: number;
  /** Density of z at 0. */
  phi0: number;
  /** E[z·1{z>0}]. */
  Z1: number;
  /** E[z²·1{z>0}]. */
  Z2: number;
  /** E[e^{z}·1{z≤0}]. */
  E1: number;
  /** E[e^{2z}·1{z≤0}]. */
  E2: number;
}

function expTruncated(k: number, m: number, v: number, s: number, t: number): number {
  const u = (m + k * v) / (SQRT2 * s);
  if (u >= 0) return 0.5 * Math.exp(-t * t) * erfcx(u);
  return 0.5 * Math.exp(k * m + 0.5 * k * k * v) * erfc(u);
}

/** The Gaussian terms for z ~ N(m, v), v > 0. */
export function gaussianTerms(m: number, v: number): GaussianTerms {
  const s = Math.sqrt(v);
  const t = m / (SQRT2 * s);
  const P = 0.5 * erfc(-t);
  const Q = 0.5 * erfc(t);
  const phi0 = Math.exp(-t * t) / (SQRT_2PI * s);
  return {
    P,
    Q,
    phi0,
    Z1: m * P + v * phi0,
    Z2: (m * m + v) * P + m * v * phi0,
    E1: expTruncated(1, m, v, s, t),
    E2: expTruncated(2, m, v, s, t),
  };
}

/** E[selu(z)] and E[selu(z)²] from the Gaussian terms. */
export function seluRawMoments(
  g: GaussianTerms,
  alpha: number,
  lambda: number,
): { mean: number; second: number } {
  // selu(z) = λz on z > 0 and λα(e^z − 1) on z ≤ 0; square and take expectations piecewise.
  const mean = lambda * (g.Z1 + alpha * (g.E1 - g.Q));
  const second = lambda * lambda * (g.Z2 + alpha * alpha * (g.E2 - 2 * g.E1 + g.Q));
  return { mean, second };
}
