import { SnnError } from '../../../internal/snn-error';
import { SELU_ALPHA, SELU_LAMBDA } from './constants';
import { assertPositive } from './validate';

/** The two constants of a SELU: `selu(x) = λ·x` for x > 0 and `λ·α·(eˣ − 1)` for x ≤ 0. */
export interface SeluParams {
  /** α > 0, default {@link SELU_ALPHA}. */
  alpha?: number;
  /** λ > 0, default {@link SELU_LAMBDA}. */
  lambda?: number;
}

/** A target mean and variance of activations (a fixed point of the SELU mean/variance map). */
export interface FixedPoint {
  /** Target mean μ*, default 0. */
  mean?: number;
  /** Target variance ν* > 0, default 1. */
  variance?: number;
}

/** Fills in and checks α and λ. */
export function resolveSeluParams(
  fn: string,
  params: SeluParams | null | undefined,
): { alpha: number; lambda: number } {
  if (params != null && typeof params !== 'object') {
    throw new SnnError(
      `${fn}: \`params\` must be an object {alpha?, lambda?}, got ${String(params)}; omit it for the standard SELU`,
    );
  }
  const alpha = params?.alpha ?? SELU_ALPHA;
  const lambda = params?.lambda ?? SELU_LAMBDA;
  assertPositive(
    fn,
    'alpha',
    alpha,
    'omit it for SELU_ALPHA or use seluParameters() to solve for one',
  );
  assertPositive(
    fn,
    'lambda',
    lambda,
    'omit it for SELU_LAMBDA or use seluParameters() to solve for one',
  );
  return { alpha, lambda };
}
