/**
 * The domain Ω of the paper's Theorem 1: activations with mean μ ∈ [−0.1, 0.1] and variance
 * ν ∈ [0.8, 1.5] feeding weights with ω = Σᵢ wᵢ ∈ [−0.1, 0.1] and τ = Σᵢ wᵢ² ∈ [0.95, 1.1]. For
 * every (μ, ω, ν, τ) in Ω, the SELU mapping g is a contraction towards a fixed point near (0, 1),
 * so activations stay normalized through any number of layers.
 *
 * Each range is [low, high]. `normalizationMonitor` (`@snn/snn-layers`) flags layers outside the
 * activation ranges, `weightMoments` (`@snn/init`) checks kernels against the weight ranges, and
 * `snn theory` iterates g from Ω's 16 corners. @snn/selu exports it; @snn/init, which does not
 * depend on @snn/selu, bundles it from this shared file like `SnnError`.
 *
 * @example
 * const [low, high] = THEOREM1_DOMAIN.variance; // [0.8, 1.5]
 * const normalized = (v: number) => v >= low && v <= high;
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
