import { type Tensor2D, concat, square, sum, tidy } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';
import { THEOREM1_DOMAIN } from '../../../internal/theorem1-domain';

/** Summary of one statistic over the units of a layer. */
export interface UnitStatistics {
  mean: number;
  /** Population standard deviation over units. */
  std: number;
  min: number;
  max: number;
}

/** Result of {@link weightMoments}. */
export interface WeightMoments {
  /** Rows of the kernel: inputs per unit. */
  fanIn: number;
  /** Columns of the kernel: units of the layer. */
  units: number;
  /** ω_j = Σᵢ w_ij over units j. */
  omega: UnitStatistics;
  /** τ_j = Σᵢ w_ij² over units j. */
  tau: UnitStatistics;
  /**
   * The average unit (mean ω, mean τ) lies in Theorem 1's weight domain ω ∈ [−0.1, 0.1],
   * τ ∈ [0.95, 1.1]. The paper initializes so that ω = 0 and τ = 1 hold in expectation.
   */
  inDomain: boolean;
  /**
   * Fraction of units whose own ω and τ lie in that domain. Small even for an exact LeCun
   * initialization: each unit's ω is then ~N(0, 1), so |ω| ≤ 0.1 holds for only about 8% of
   * units. With standardized inputs (mean ≈ 0) the net input's mean μ·ω stays near 0 anyway.
   */
  fractionInDomain: number;
}

const { omega: OMEGA_RANGE, tau: TAU_RANGE } = THEOREM1_DOMAIN;

/**
 * Per-unit weight moments of a Dense kernel, the quantities SELU's mean/variance mapping depends
 * on: for unit j (column j of a `[fanIn, units]` kernel) ω_j = Σᵢ w_ij and τ_j = Σᵢ w_ij².
 * Returns their mean, std, min and max over units and whether the layer lies in Theorem 1's
 * domain ω ∈ [−0.1, 0.1], τ ∈ [0.95, 1.1].
 *
 * The kernel is only read; no tensor is kept.
 *
 * @param kernel Rank-2 float32 tensor `[fanIn, units]`, both at least 1 (e.g. `layer.getWeights()[0]`).
 * @returns {@link WeightMoments}.
 * @throws SnnError if `kernel` is not a non-empty rank-2 float32 tensor.
 *
 * @example
 * const kernel = lecunNormal({ seed: 1 }).apply([784, 784]) as tf.Tensor2D;
 * const m = weightMoments(kernel); // m.tau.mean ≈ 1, m.omega.mean ≈ 0, m.inDomain === true
 * kernel.dispose();
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function weightMoments(kernel: Tensor2D): WeightMoments {
  const shape = (kernel as { shape?: unknown } | null)?.shape;
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new SnnError(
      `weightMoments: \`kernel\` must be a rank-2 tensor [fanIn, units], got ${
        Array.isArray(shape) ? `shape ${JSON.stringify(shape)}` : String(kernel)
      }; pass a Dense kernel such as layer.getWeights()[0]`,
    );
  }
  const [fanIn, units] = shape as [number, number];
  if (fanIn < 1 || units < 1) {
    throw new SnnError(
      `weightMoments: \`kernel\` must have at least one row and one column, got shape ${JSON.stringify(shape)}`,
    );
  }
  if (kernel.dtype !== 'float32') {
    throw new SnnError(
      `weightMoments: \`kernel\` must be float32, got ${kernel.dtype}; cast it with tf.cast(kernel, 'float32')`,
    );
  }

  const sums = tidy(() => concat([sum(kernel, 0), sum(square(kernel), 0)]));
  let values: Float32Array;
  try {
    values = sums.dataSync() as Float32Array;
  } finally {
    sums.dispose();
  }

  const omega = values.subarray(0, units);
  const tau = values.subarray(units, 2 * units);
  let inside = 0;
  for (let j = 0; j < units; j++) {
    if (within(omega[j]!, OMEGA_RANGE) && within(tau[j]!, TAU_RANGE)) inside++;
  }
  const omegaStats = statistics(omega);
  const tauStats = statistics(tau);
  return {
    fanIn,
    units,
    omega: omegaStats,
    tau: tauStats,
    inDomain: within(omegaStats.mean, OMEGA_RANGE) && within(tauStats.mean, TAU_RANGE),
    fractionInDomain: inside / units,
  };
}

function within(value: number, [lo, hi]: readonly [number, number]): boolean {
  return value >= lo && value <= hi;
}

function statistics(values: Float32Array): UnitStatistics {
  let total = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    total += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = total / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length), min, max };
}
