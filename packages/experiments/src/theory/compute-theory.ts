import { THEOREM1_BOUNDS, THEOREM1_DOMAIN, seluJacobian, seluMoments } from '@snn/selu';
import { UsageError } from '../common/usage-error';

/** Options of {@link computeTheory} (the `snn theory` flags in camelCase). */
export interface TheoryOptions {
  /** Arrows per axis of the vector field, ≥ 2. Default 15 (9 with `quick`). */
  grid?: number;
  /** A coarser vector field. */
  quick?: boolean;
}

/** One arrow of the vector field: at (μ, ν) the map moves to (μ, ν) + (Δμ, Δν). */
export interface FieldArrow {
  mean: number;
  variance: number;
  dMean: number;
  dVariance: number;
}

/** Where iterating g from one corner of Ω ends. */
export interface CornerRun {
  start: { mean: number; omega: number; variance: number; tau: number };
  end: { mean: number; variance: number };
  iterations: number;
  converged: boolean;
  /** The end point lies inside `THEOREM1_BOUNDS` (@snn/selu) (with the paper's rounding, ±1e-5). */
  withinBounds: boolean;
  /** Spectral norm of g's Jacobian at the end point; < 1 means the point attracts. */
  spectralNorm: number;
  /** The first iterates, start included (for the plot). */
  path: Array<{ mean: number; variance: number }>;
}

/** The result of `snn theory` (`theory.json`). */
export interface TheoryResult {
  config: {
    omega: number;
    tau: number;
    grid: number;
    meanRange: readonly [number, number];
    varianceRange: readonly [number, number];
    tolerance: number;
    maxIterations: number;
  };
  /** The fixed point of g for ω = 0, τ = 1, found by iterating g from (0.1, 1.5). */
  fixedPoint: { mean: number; variance: number; iterations: number };
  /** Jacobian of g at (μ, ν) = (0, 1), ω = 0, τ = 1: [[∂μ̃/∂μ, ∂μ̃/∂ν], [∂ν̃/∂μ, ∂ν̃/∂ν]]. */
  jacobian: [[number, number], [number, number]];
  spectralNorm: number;
  /** spectralNorm < 1: g is a contraction around (0, 1). */
  contraction: boolean;
  vectorField: FieldArrow[];
  theorem1: {
    domain: typeof THEOREM1_DOMAIN;
    bounds: typeof THEOREM1_BOUNDS;
    corners: CornerRun[];
    /** Every corner converged to a point inside the bounds. */
    holds: boolean;
  };
}

const TOLERANCE = 1e-12;
const MAX_ITERATIONS = 10_000;
const PATH_POINTS = 40;

/** Iterates (μ, ν) ← g(μ, ν; ω, τ) until a step moves less than {@link TOLERANCE}. */
function iterate(
  mean: number,
  variance: number,
  omega: number,
  tau: number,
): {
  mean: number;
  variance: number;
  iterations: number;
  converged: boolean;
  path: CornerRun['path'];
} {
  const path = [{ mean, variance }];
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const next = seluMoments({ mean, variance, omega, tau });
    const step = Math.max(Math.abs(next.mean - mean), Math.abs(next.variance - variance));
    mean = next.mean;
    variance = next.variance;
    if (path.length < PATH_POINTS) path.push({ mean, variance });
    if (step < TOLERANCE) return { mean, variance, iterations: i, converged: true, path };
  }
  return { mean, variance, iterations: MAX_ITERATIONS, converged: false, path };
}

/**
 * The paper's Figure 2 and Theorem 1, computed from @snn/selu's closed-form map g
 * (μ, ν) ↦ (μ̃, ν̃) (paper eq. 3–5): the vector field g(μ, ν) − (μ, ν) for ω = 0, τ = 1 over
 * μ ∈ [−0.1, 0.1], ν ∈ [0.8, 1.5]; the fixed point (0, 1) found by iteration; the Jacobian
 * [[0, 0.088834], [0, 0.782648]] and its spectral norm 0.7877 < 1 there; and the Theorem 1 check —
 * g iterated from the 16 corners of Ω = [−0.1, 0.1]_μ × [−0.1, 0.1]_ω × [0.8, 1.5]_ν × [0.95, 1.1]_τ
 * must end inside μ ∈ [−0.03106, 0.06773], ν ∈ [0.80009, 1.48617]. Pure arithmetic, no tfjs.
 *
 * @example
 * const theory = computeTheory();
 * theory.fixedPoint;   // { mean: ≈0, variance: ≈1, iterations: … }
 * theory.spectralNorm; // 0.78767…
 * @see https://arxiv.org/abs/1706.02515
 */
export function computeTheory(options: TheoryOptions = {}): TheoryResult {
  const grid = options.grid ?? (options.quick ? 9 : 15);
  if (!Number.isInteger(grid) || grid < 2 || grid > 200) {
    throw new UsageError(`--grid must be an integer in [2, 200]; got ${JSON.stringify(grid)}`);
  }
  const [m0, m1] = THEOREM1_DOMAIN.mean;
  const [v0, v1] = THEOREM1_DOMAIN.variance;

  const vectorField: FieldArrow[] = [];
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const mean = m0 + ((m1 - m0) * i) / (grid - 1);
      const variance = v0 + ((v1 - v0) * j) / (grid - 1);
      const next = seluMoments({ mean, variance, omega: 0, tau: 1 });
      vectorField.push({
        mean,
        variance,
        dMean: next.mean - mean,
        dVariance: next.variance - variance,
      });
    }
  }

  const fixed = iterate(m1, v1, 0, 1);
  const { jacobian, spectralNorm } = seluJacobian({ mean: 0, variance: 1, omega: 0, tau: 1 });

  const corners: CornerRun[] = [];
  for (const mean of THEOREM1_DOMAIN.mean) {
    for (const omega of THEOREM1_DOMAIN.omega) {
      for (const variance of THEOREM1_DOMAIN.variance) {
        for (const tau of THEOREM1_DOMAIN.tau) {
          const run = iterate(mean, variance, omega, tau);
          const slack = 1e-5;
          const withinBounds =
            run.mean >= THEOREM1_BOUNDS.mean[0] - slack &&
            run.mean <= THEOREM1_BOUNDS.mean[1] + slack &&
            run.variance >= THEOREM1_BOUNDS.variance[0] - slack &&
            run.variance <= THEOREM1_BOUNDS.variance[1] + slack;
          corners.push({
            start: { mean, omega, variance, tau },
            end: { mean: run.mean, variance: run.variance },
            iterations: run.iterations,
            converged: run.converged,
            withinBounds,
            spectralNorm: seluJacobian({ mean: run.mean, variance: run.variance, omega, tau })
              .spectralNorm,
            path: run.path,
          });
        }
      }
    }
  }

  return {
    config: {
      omega: 0,
      tau: 1,
      grid,
      meanRange: THEOREM1_DOMAIN.mean,
      varianceRange: THEOREM1_DOMAIN.variance,
      tolerance: TOLERANCE,
      maxIterations: MAX_ITERATIONS,
    },
    fixedPoint: { mean: fixed.mean, variance: fixed.variance, iterations: fixed.iterations },
    jacobian,
    spectralNorm,
    contraction: spectralNorm < 1,
    vectorField,
    theorem1: {
      domain: THEOREM1_DOMAIN,
      bounds: THEOREM1_BOUNDS,
      corners,
      holds: corners.every((c) => c.converged && c.withinBounds),
    },
  };
}
