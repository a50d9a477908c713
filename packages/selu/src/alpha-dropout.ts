import * as tf from '@tensorflow/tfjs-core';
import { applyDropoutMask } from '../../../internal/dropout-kernel';
import { SnnError } from '../../../internal/snn-error';
import { uniformNoise } from '../../../internal/uniform-noise';
import { SELU_ALPHA, SELU_LAMBDA } from './constants';
import { seluParameters } from './selu-parameters';
import type { FixedPoint } from './selu-params';
import { toTensor } from './to-tensor';
import { assertFinite, assertPositive, assertRate, assertSeed } from './validate';

/** Options of {@link alphaDropout}. */
export interface AlphaDropoutOptions {
  /**
   * Shape of the keep/drop mask, broadcast against `x`: same rank, each entry equal to the input's
   * size or 1 (`null` also means the input's size, as in Keras). Default: the shape of `x`.
   */
  noiseShape?: ReadonlyArray<number | null>;
  /** Seed of the mask's random generator; the same seed gives the same mask. Default: random. */
  seed?: number;
  /**
   * Mean and variance to preserve, default `{mean: 0, variance: 1}`. When it differs from (0, 1)
   * and `alpha`/`lambda` are not given, they are solved with {@link seluParameters}.
   */
  fixedPoint?: FixedPoint;
  /** α of the preceding SELU, > 0. Default {@link SELU_ALPHA} (or solved from `fixedPoint`). */
  alpha?: number;
  /** λ of the preceding SELU, > 0. Default {@link SELU_LAMBDA} (or solved from `fixedPoint`). */
  lambda?: number;
}

/** The affine correction of alpha dropout, see {@link alphaDropoutAffine}. */
export interface AlphaDropoutAffine {
  /** Multiplier a applied after masking. */
  a: number;
  /** Shift b applied after masking. */
  b: number;
  /** α′ = −λα, the SELU's negative saturation value that dropped units are set to. */
  alphaPrime: number;
  /** a·α′ + b, the value every dropped unit takes in the output. */
  droppedValue: number;
}

/** α, λ and the fixed point that alpha dropout options stand for. */
export function resolveAlphaDropoutParams(
  fn: string,
  options: Pick<AlphaDropoutOptions, 'fixedPoint' | 'alpha' | 'lambda'> | undefined,
): { alpha: number; lambda: number; mean: number; variance: number } {
  const fixedPoint = options?.fixedPoint ?? {};
  if (fixedPoint === null || typeof fixedPoint !== 'object') {
    throw new SnnError(
      `${fn}: \`fixedPoint\` must be an object {mean?, variance?}, got ${String(fixedPoint)}; omit it for (0, 1)`,
    );
  }
  const mean = assertFinite(fn, 'fixedPoint.mean', fixedPoint.mean ?? 0, 'omit it for 0');
  const variance = assertPositive(
    fn,
    'fixedPoint.variance',
    fixedPoint.variance ?? 1,
    'omit it for 1',
  );
  const needSolve =
    (mean !== 0 || variance !== 1) && (options?.alpha == null || options?.lambda == null);
  const solved = needSolve
    ? seluParameters({ mean, variance })
    : { alpha: SELU_ALPHA, lambda: SELU_LAMBDA };
  const alpha = options?.alpha ?? solved.alpha;
  const lambda = options?.lambda ?? solved.lambda;
  assertPositive(fn, 'alpha', alpha, 'omit it for SELU_ALPHA');
  assertPositive(fn, 'lambda', lambda, 'omit it for SELU_LAMBDA');
  return { alpha, lambda, mean, variance };
}

/**
 * The constants of alpha dropout for a drop rate: dropped units are set to α′ = −λα and the result
 * is corrected by y ↦ a·y + b so that mean μ* and variance ν* are preserved. With keep
 * probability q = 1 − rate:
 * a = √(ν* / (q·((1 − q)(α′ − μ*)² + ν*))),  b = μ* − a·(q·μ* + (1 − q)·α′);
 * for (μ*, ν*) = (0, 1): a = (q + α′²·q·(1 − q))^(−1/2), b = −a·(1 − q)·α′.
 *
 * @param rate Drop probability in [0, 1).
 * @param options `fixedPoint`, `alpha`, `lambda` as for {@link alphaDropout}.
 * @example
 * alphaDropoutAffine(0.1); // { a: 0.9212845, b: 0.1619710, alphaPrime: -1.7580993, droppedValue: -1.4577 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function alphaDropoutAffine(
  rate: number,
  options?: Pick<AlphaDropoutOptions, 'fixedPoint' | 'alpha' | 'lambda'>,
): AlphaDropoutAffine {
  return affineFor('alphaDropoutAffine', rate, options);
}

/** {@link alphaDropoutAffine} with errors attributed to `fn`. */
export function affineFor(
  fn: string,
  rate: number,
  options?: Pick<AlphaDropoutOptions, 'fixedPoint' | 'alpha' | 'lambda'>,
): AlphaDropoutAffine {
  assertRate(fn, rate);
  const { alpha, lambda, mean, variance } = resolveAlphaDropoutParams(fn, options);
  const q = 1 - rate;
  const alphaPrime = -lambda * alpha;
  const a = Math.sqrt(variance / (q * ((1 - q) * (alphaPrime - mean) ** 2 + variance)));
  const b = mean - a * (q * mean + (1 - q) * alphaPrime);
  return { a, b, alphaPrime, droppedValue: a * alphaPrime + b };
}

/** Resolves a noise shape against the input shape, checking that it broadcasts. */
export function resolveNoiseShape(
  fn: string,
  noiseShape: ReadonlyArray<number | null> | null | undefined,
  shape: readonly number[],
): number[] {
  if (noiseShape == null) return [...shape];
  const ok =
    Array.isArray(noiseShape) &&
    noiseShape.length === shape.length &&
    noiseShape.every((d, i) => d == null || d === 1 || d === shape[i]);
  if (!ok) {
    throw new SnnError(
      `${fn}: \`noiseShape\` must have the input's rank ${shape.length} with each entry equal to the input's size or 1, got [${String(noiseShape)}] for input shape [${shape}]; e.g. [${shape.map((d, i) => (i === 0 || i === shape.length - 1 ? d : 1))}] shares the mask over the middle axes`,
    );
  }
  return noiseShape.map((d, i) => d ?? shape[i]!);
}

/** Masks with a fresh uniform draw and applies the affine correction. */
export function applyAlphaDropout(
  x: tf.Tensor,
  rate: number,
  affine: AlphaDropoutAffine,
  noiseShape: number[],
  seed: number | string | undefined,
): tf.Tensor {
  return tf.tidy(() => {
    // where(u ≥ rate, a·x + b, a·α′ + b) rather than a·(x·d + α′·(1 − d)) + b: dropped units come
    // out exactly fround(a·α′ + b), and the gradient with respect to x is a on kept units and 0
    // on dropped ones. One native kernel where the backend has it, the same values bit for bit.
    return applyDropoutMask(x, uniformNoise(noiseShape, seed), {
      kind: 'alpha',
      rate,
      a: affine.a,
      b: affine.b,
      dropped: affine.droppedValue,
    });
  });
}

/**
 * Alpha dropout (paper §"New dropout technique"): each unit is dropped with probability `rate` and
 * set to the SELU's negative saturation α′ = −λα, then the whole tensor is mapped y ↦ a·y + b so
 * that inputs with mean μ* and variance ν* keep them:
 * `out = a·(x·d + α′·(1 − d)) + b`, d ~ Bernoulli(1 − rate), a and b from {@link alphaDropoutAffine}.
 * Applied unconditionally, like `tf.dropout`: use {@link alphaDropoutLayer} for a layer that is the
 * identity at inference.
 *
 * @param x Input tensor (float32), e.g. SELU activations.
 * @param rate Drop probability in [0, 1); 0 returns a copy of `x`. Recommended 0.05 or 0.1.
 * @param options `{noiseShape?, seed?, fixedPoint?, alpha?, lambda?}`, see {@link AlphaDropoutOptions}.
 * @returns A new tensor of the shape of `x`, owned by the caller.
 * @throws SnnError if `rate` is outside [0, 1) or another option is out of range.
 * @example
 * const x = tf.randomNormal([1000, 100], 0, 1, 'float32', 1);
 * const y = alphaDropout(x, 0.1, { seed: 42 }); // mean ≈ 0, variance ≈ 1, 10 % of units = -1.4577
 * @see https://arxiv.org/abs/1706.02515
 */
export function alphaDropout<T extends tf.Tensor>(
  x: T | tf.TensorLike,
  rate: number,
  options: AlphaDropoutOptions = {},
): T {
  return alphaDropoutWith('alphaDropout', x, rate, options, (shape) =>
    resolveNoiseShape('alphaDropout', options?.noiseShape, shape),
  ) as T;
}

/** Shared body of the alpha dropout ops; `noiseShapeOf` maps the input shape to the mask shape. */
export function alphaDropoutWith(
  fn: string,
  x: tf.Tensor | tf.TensorLike,
  rate: number,
  options: Omit<AlphaDropoutOptions, 'noiseShape'> | undefined,
  noiseShapeOf: (shape: number[]) => number[],
): tf.Tensor {
  assertRate(fn, rate);
  const seed = assertSeed(fn, options?.seed);
  const affine = affineFor(fn, rate, options);
  return tf.tidy(() => {
    const input = toTensor(fn, x);
    const noiseShape = noiseShapeOf(input.shape);
    if (rate === 0) return tf.clone(input);
    return applyAlphaDropout(input, rate, affine, noiseShape, seed);
  });
}
