/**
 * Theorem 1's domain Ω of the paper: activation mean μ ∈ [−0.1, 0.1] and variance ν ∈ [0.8, 1.5],
 * weight sums ω = Σwᵢ ∈ [−0.1, 0.1] and τ = Σwᵢ² ∈ [0.95, 1.1]. For (μ, ν, ω, τ) in Ω the
 * mean/variance map g of SELU has an attracting fixed point near (0, 1).
 *
 * @example
 * const [low, high] = THEOREM1_DOMAIN.variance; // [0.8, 1.5]
 * @see https://arxiv.org/abs/1706.02515
 */
export const THEOREM1_DOMAIN = {
  mean: [-0.1, 0.1],
  omega: [-0.1, 0.1],
  variance: [0.8, 1.5],
  tau: [0.95, 1.1],
} as const;

/**
 * Theorem 1's bounds on the fixed point of g for (ω, τ) in Ω, as the paper states them:
 * μ ∈ [−0.03106, 0.06773], ν ∈ [0.80009, 1.48617].
 *
 * @example
 * const [low, high] = THEOREM1_BOUNDS.mean; // [-0.03106, 0.06773]
 * @see https://arxiv.org/abs/1706.02515
 */
export const THEOREM1_BOUNDS = { mean: [-0.03106, 0.06773], variance: [0.80009, 1.48617] } as const;
