import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  type Kwargs,
  type LayerArgs,
  singleInput,
  stepSeed,
} from '../../../../internal/layer-utils';
import { SnnError } from '../../../../internal/snn-error';
import {
  type AlphaDropoutAffine,
  affineFor,
  applyAlphaDropout,
  resolveAlphaDropoutParams,
  resolveNoiseShape,
} from '../alpha-dropout';
import type { FixedPoint } from '../selu-params';
import { assertRate, assertSeed } from '../validate';

/** Arguments of {@link alphaDropoutLayer}. */
export interface AlphaDropoutLayerArgs extends LayerArgs {
  /** Drop probability in [0, 1). Recommended 0.05 or 0.1. */
  rate: number;
  /**
   * Mask shape over the batch's full shape (batch axis included): same rank as the input, each
   * entry the input's size, 1, or `null` (= the input's size). Default: the input's shape.
   */
  noiseShape?: ReadonlyArray<number | null> | null;
  /** Seed: the layer then replays the same sequence of masks, one per call. Default: random. */
  seed?: number | null;
  /** Mean and variance to preserve. Default `{mean: 0, variance: 1}`. */
  fixedPoint?: FixedPoint | null;
  /** α of the preceding SELU. Default {@link SELU_ALPHA} (or solved from `fixedPoint`). */
  alpha?: number | null;
  /** λ of the preceding SELU. Default {@link SELU_LAMBDA} (or solved from `fixedPoint`). */
  lambda?: number | null;
}

/** The dropout-specific constructor arguments after validation. */
interface ResolvedDropoutArgs {
  rate: number;
  seed: number | null;
  fixedPoint: { mean: number; variance: number };
  alpha: number;
  lambda: number;
  affine: AlphaDropoutAffine;
}

/** Validates and completes the arguments shared by the alpha dropout layers. */
function resolveDropoutArgs(
  fn: string,
  args: Omit<AlphaDropoutLayerArgs, 'noiseShape'>,
): ResolvedDropoutArgs {
  const rate = assertRate(fn, args?.rate);
  const seed = assertSeed(fn, args.seed) ?? null;
  const options = {
    fixedPoint: args.fixedPoint ?? undefined,
    alpha: args.alpha ?? undefined,
    lambda: args.lambda ?? undefined,
  };
  const { alpha, lambda, mean, variance } = resolveAlphaDropoutParams(fn, options);
  const affine = affineFor(fn, rate, { fixedPoint: { mean, variance }, alpha, lambda });
  return { rate, seed, fixedPoint: { mean, variance }, alpha, lambda, affine };
}

/** Checks a layer's noise shape up front; it is matched against the input shape at call time. */
function checkNoiseShape(
  noiseShape: ReadonlyArray<number | null> | null | undefined,
): Array<number | null> | null {
  if (noiseShape == null) return null;
  const ok =
    Array.isArray(noiseShape) &&
    noiseShape.every((d) => d === null || (Number.isInteger(d) && (d as number) > 0));
  if (!ok) {
    throw new SnnError(
      `alphaDropoutLayer: \`noiseShape\` must be an array of positive integers or null (batch axis included), got ${JSON.stringify(noiseShape)}; e.g. [null, 1, 64] shares the mask over axis 1`,
    );
  }
  return [...noiseShape];
}

/**
 * Alpha dropout as a layer, `a·(x·d + α′·(1 − d)) + b` in training and the identity at inference;
 * serializable as `SnnAlphaDropout`. Arguments as for {@link alphaDropoutLayer}.
 * @example
 * const layer = new AlphaDropoutLayer({ rate: 0.05 });
 * @see https://arxiv.org/abs/1706.02515
 */
export class AlphaDropoutLayer extends tfl.layers.Layer {
  static className = 'SnnAlphaDropout';
  readonly rate: number;
  readonly noiseShape: ReadonlyArray<number | null> | null;
  readonly seed: number | null;
  readonly fixedPoint: { mean: number; variance: number };
  readonly alpha: number;
  readonly lambda: number;
  protected readonly affine: AlphaDropoutAffine;
  private calls = 0;

  /**
   * @param args See {@link alphaDropoutLayer}.
   * @param caller The function named in argument errors (subclasses pass their own).
   */
  constructor(args: AlphaDropoutLayerArgs, caller = 'alphaDropoutLayer') {
    super(args);
    this.supportsMasking = true;
    const resolved = resolveDropoutArgs(caller, args);
    this.rate = resolved.rate;
    this.seed = resolved.seed;
    this.fixedPoint = resolved.fixedPoint;
    this.alpha = resolved.alpha;
    this.lambda = resolved.lambda;
    this.affine = resolved.affine;
    this.noiseShape = checkNoiseShape(args.noiseShape);
  }

  /** The mask shape for an input shape. */
  protected noiseShapeFor(shape: number[]): number[] {
    return resolveNoiseShape('alphaDropoutLayer', this.noiseShape, shape);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const input = singleInput(this.getClassName(), inputs);
      if (kwargs?.training !== true || this.rate === 0) return tf.clone(input);
      const seed = stepSeed(this.seed, this.calls++);
      return applyAlphaDropout(
        input,
        this.rate,
        this.affine,
        this.noiseShapeFor(input.shape),
        seed,
      );
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      rate: this.rate,
      noiseShape: this.noiseShape === null ? null : [...this.noiseShape],
      seed: this.seed,
      fixedPoint: { ...this.fixedPoint },
      alpha: this.alpha,
      lambda: this.lambda,
      ...super.getConfig(),
    };
  }
}

/**
 * Alpha dropout as a layer: in training (`training: true`, as `model.fit` passes) each unit is
 * dropped with probability `rate`, set to α′ = −λα and the result mapped y ↦ a·y + b, so SELU
 * activations keep mean μ* and variance ν* (a, b from {@link alphaDropoutAffine}); at inference it
 * is the exact identity. Unlike `tf.layers.alphaDropout`, dropped units go to −λα (not +λα) and
 * every argument survives `getConfig`.
 *
 * @param args `{rate, noiseShape?, seed?, fixedPoint?, alpha?, lambda?}` plus the usual layer
 *   arguments: `rate` in [0, 1); `noiseShape` of the input's rank with entries = input size, 1 or
 *   null; `seed` any finite number; `fixedPoint` `{mean, variance}` default (0, 1); α, λ > 0.
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.dense({ units: 64, inputShape: [10], kernelInitializer: lecunNormal() }),
 *   seluLayer(),
 *   alphaDropoutLayer({ rate: 0.05 }),
 * ] });
 * @see https://arxiv.org/abs/1706.02515
 */
export function alphaDropoutLayer(args: AlphaDropoutLayerArgs): AlphaDropoutLayer {
  return new AlphaDropoutLayer(args);
}
