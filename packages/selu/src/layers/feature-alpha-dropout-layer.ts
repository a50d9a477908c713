import type * as tf from '@tensorflow/tfjs-core';
import { featureNoiseShape } from '../feature-alpha-dropout';
import { AlphaDropoutLayer, type AlphaDropoutLayerArgs } from './alpha-dropout-layer';

/** Arguments of {@link featureAlphaDropoutLayer}: those of alpha dropout without `noiseShape`. */
export interface FeatureAlphaDropoutLayerArgs
  extends Omit<AlphaDropoutLayerArgs, 'noiseShape' | 'rate'> {
  /** Drop probability of a whole channel, in [0, 1). */
  rate: number;
}

/**
 * Feature alpha dropout as a layer, one mask value per (sample, channel) in training and the identity
 * at inference; serializable as `SnnFeatureAlphaDropout`. Arguments as for
 * {@link featureAlphaDropoutLayer}: {@link AlphaDropoutLayer} with the channel mask shape.
 * @example
 * const layer = new FeatureAlphaDropoutLayer({ rate: 0.05 });
 * @see https://arxiv.org/abs/1706.02515
 */
export class FeatureAlphaDropoutLayer extends AlphaDropoutLayer {
  static override className = 'SnnFeatureAlphaDropout';

  constructor(args: FeatureAlphaDropoutLayerArgs) {
    super(args, 'featureAlphaDropoutLayer');
  }

  /** One mask value per (sample, channel): see `featureNoiseShape` in feature-alpha-dropout.ts. */
  protected override noiseShapeFor(shape: number[]): number[] {
    return featureNoiseShape(shape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { noiseShape: _, ...config } = super.getConfig();
    return config;
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
