import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  type Kwargs,
  type LayerArgs,
  singleInput,
  stepSeed,
} from '../../../../internal/layer-utils';
import type { AlphaDropoutAffine } from '../alpha-dropout';
import { applyAlphaDropout } from '../alpha-dropout';
import { featureNoiseShape } from '../feature-alpha-dropout';
import type { FixedPoint } from '../selu-params';
import { resolveDropoutArgs } from './alpha-dropout-layer';

/** Arguments of {@link featureAlphaDropoutLayer}. */
export interface FeatureAlphaDropoutLayerArgs extends LayerArgs {
  /** Drop probability of a whole channel, in [0, 1). */
  rate: number;
  /** Seed: the layer then replays the same sequence of masks, one per call. Default: random. */
  seed?: number | null;
  /** Mean and variance to preserve. Default `{mean: 0, variance: 1}`. */
  fixedPoint?: FixedPoint | null;
  /** α of the preceding SELU. Default {@link SELU_ALPHA} (or solved from `fixedPoint`). */
  alpha?: number | null;
  /** λ of the preceding SELU. Default {@link SELU_LAMBDA} (or solved from `fixedPoint`). */
  lambda?: number | null;
}

/**
 * Feature alpha dropout as a layer, one mask value per (sample, channel) in training and the identity
 * at inference; serializable as `SnnFeatureAlphaDropout`. Arguments as for
 * {@link featureAlphaDropoutLayer}.
 * @example
 * const layer = new FeatureAlphaDropoutLayer({ rate: 0.05 });
 * @see https://arxiv.org/abs/1706.02515
 */
export class FeatureAlphaDropoutLayer extends tfl.layers.Layer {
  /** @nocollapse */
  static className = 'SnnFeatureAlphaDropout';
  readonly rate: number;
  readonly seed: number | null;
  readonly fixedPoint: { mean: number; variance: number };
  readonly alpha: number;
  readonly lambda: number;
  protected readonly affine: AlphaDropoutAffine;
  private calls = 0;

  constructor(args: FeatureAlphaDropoutLayerArgs) {
    super(args);
    this.supportsMasking = true;
    const resolved = resolveDropoutArgs('featureAlphaDropoutLayer', args);
    this.rate = resolved.rate;
    this.seed = resolved.seed;
    this.fixedPoint = resolved.fixedPoint;
    this.alpha = resolved.alpha;
    this.lambda = resolved.lambda;
    this.affine = resolved.affine;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const input = singleInput('featureAlphaDropoutLayer', inputs);
      if (kwargs?.training !== true || this.rate === 0) return tf.clone(input);
      const seed = stepSeed(this.seed, this.calls++);
      return applyAlphaDropout(input, this.rate, this.affine, featureNoiseShape(input.shape), seed);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      rate: this.rate,
      seed: this.seed,
      fixedPoint: { ...this.fixedPoint },
      alpha: this.alpha,
      lambda: this.lambda,
      ...super.getConfig(),
    };
  }
}

/**
 * Feature alpha dropout as a layer (PyTorch's FeatureAlphaDropout for tfjs's channels-last layout):
 * in training, each (sample, channel) pair is dropped with probability `rate` — the whole feature
 * map, all spatial positions of a `[batch, spatial…, channels]` input — set to α′ = −λα and mapped
 * y ↦ a·y + b (a, b from {@link alphaDropoutAffine}) so mean and variance are preserved; at
 * inference the exact identity. On `[batch, features]` input each feature is its own channel, so
 * it acts as {@link alphaDropoutLayer}.
 *
 * @param args `{rate, seed?, fixedPoint?, alpha?, lambda?}` plus the usual layer arguments: `rate`
 *   in [0, 1); `seed` any finite number; `fixedPoint` `{mean, variance}` default (0, 1); α, λ > 0.
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.conv2d({ filters: 16, kernelSize: 3, inputShape: [28, 28, 1], kernelInitializer: lecunNormal() }),
 *   seluLayer(),
 *   featureAlphaDropoutLayer({ rate: 0.05 }),
 * ] });
 * @see https://arxiv.org/abs/1706.02515
 */
export function featureAlphaDropoutLayer(
  args: FeatureAlphaDropoutLayerArgs,
): FeatureAlphaDropoutLayer {
  return new FeatureAlphaDropoutLayer(args);
}
