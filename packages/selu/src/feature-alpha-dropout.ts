import type * as tf from '@tensorflow/tfjs-core';
import { type AlphaDropoutOptions, alphaDropoutWith } from './alpha-dropout';

/** Options of {@link featureAlphaDropout}: those of alpha dropout except the noise shape. */
export type FeatureAlphaDropoutOptions = Omit<AlphaDropoutOptions, 'noiseShape'>;

/**
 * The mask shape of feature alpha dropout for a channels-last input: one value per sample and
 * channel, shared over all spatial positions, `[batch, 1, …, 1, channels]`. Inputs of rank ≤ 2
 * (`[batch, features]`) have no spatial axes, so every unit is its own channel and the mask is
 * elementwise, as PyTorch's FeatureAlphaDropout does for 2-D input.
 */
export function featureNoiseShape(shape: readonly number[]): number[] {
  if (shape.length <= 2) return [...shape];
  return shape.map((d, i) => (i === 0 || i === shape.length - 1 ? d : 1));
}

/**
 * Feature alpha dropout: {@link alphaDropout} with one keep/drop decision per (sample, channel),
 * shared over all spatial positions of a channels-last input `[batch, spatial…, channels]` — the
 * tfjs layout of PyTorch's FeatureAlphaDropout. Dropped channels are set to α′ = −λα, then
 * `out = a·(x·d + α′·(1 − d)) + b` with a, b from {@link alphaDropoutAffine}, so mean μ* and variance
 * ν* are preserved. For `[batch, features]` input it equals {@link alphaDropout}.
 *
 * @param x Input tensor (float32), channels last.
 * @param rate Drop probability in [0, 1); 0 returns a copy of `x`.
 * @param options `{seed?, fixedPoint?, alpha?, lambda?}` as for {@link alphaDropout}.
 * @returns A new tensor of the shape of `x`, owned by the caller.
 * @example
 * const x = tf.randomNormal([8, 5, 5, 16], 0, 1, 'float32', 1);
 * const y = featureAlphaDropout(x, 0.1, { seed: 42 }); // whole 5×5 feature maps set to -1.4577
 * @see https://arxiv.org/abs/1706.02515
 */
export function featureAlphaDropout<T extends tf.Tensor>(
  x: T | tf.TensorLike,
  rate: number,
  options: FeatureAlphaDropoutOptions = {},
): T {
  return alphaDropoutWith('featureAlphaDropout', x, rate, options, featureNoiseShape) as T;
}
