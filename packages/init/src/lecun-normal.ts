import type { DataType, Tensor, serialization } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';
import { positiveFanIn } from './compute-fans';
import { sampleNormal } from './sample-normal';
import { type SeedArgs, type Shape, SnnInitializer, checkFloat32 } from './snn-initializer';

/** Arguments of {@link lecunNormal}. */
export interface LecunNormalArgs extends SeedArgs {
  /**
   * Cut the normal at ±2σ′ and widen σ′ = σ/0.87962566103423978 so that the variance stays
   * exactly 1/fanIn. Default `false`: the exact normal N(0, 1/fanIn) of the paper.
   */
  truncated?: boolean;
}

/**
 * LeCun normal initializer with exact variance: w ~ N(0, 1/fanIn), so that a unit's
 * ω = Σᵢ wᵢ has mean 0 and τ = Σᵢ wᵢ² has mean 1, the fixed point of SELU networks.
 *
 * Unlike tfjs's `initializers.leCunNormal` (a normal cut at ±2σ without correction, variance
 * 0.774/fanIn), the variance is 1/fanIn in both variants. Fan-in follows tfjs-layers: `shape[0]`
 * for a Dense kernel, `prod(kernelSize)·inChannels` for a convolution kernel.
 *
 * @param args.seed Seed; the same seed gives the same tensor. Default: unseeded.
 * @param args.truncated Cut at ±2σ′ with σ′ = √(1/fanIn)/0.87962566103423978. Default `false`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { lecunNormal } from '@snn/init';
 *
 * const dense = tfl.layers.dense({ units: 784, activation: 'selu', kernelInitializer: lecunNormal({ seed: 1 }) });
 * const w = lecunNormal({ seed: 1 }).apply([784, 784]); // variance 1/784
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export class LecunNormal extends SnnInitializer {
  static className = 'SnnLecunNormal';
  readonly truncated: boolean;

  constructor(args?: LecunNormalArgs) {
    super('lecunNormal', args);
    this.truncated = checkTruncated('lecunNormal', args?.truncated);
  }

  /** Draws a tensor of `shape` (float32 unless `dtype` says otherwise); the caller owns it. */
  override apply(shape: Shape, dtype?: DataType): Tensor {
    checkFloat32('lecunNormal', dtype);
    const fanIn = positiveFanIn('lecunNormal', shape);
    return sampleNormal(shape as number[], 1 / fanIn, this.truncated, this.seedForTfjs());
  }

  /** The constructor options, for serialization (`fromConfig` rebuilds the initializer). */
  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), truncated: this.truncated };
  }
}

/**
 * Creates a {@link LecunNormal} initializer: w ~ N(0, 1/fanIn), optionally truncated at ±2σ′
 * with the variance kept at exactly 1/fanIn.
 *
 * @param args.seed Seed; the same seed gives the same tensor. Default: unseeded.
 * @param args.truncated Cut at ±2σ′, σ′ = √(1/fanIn)/0.87962566103423978. Default `false`.
 *
 * @example
 * const layer = tf.layers.dense({ units: 256, activation: 'selu', kernelInitializer: lecunNormal({ seed: 1 }) });
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function lecunNormal(args?: LecunNormalArgs): LecunNormal {
  return new LecunNormal(args);
}

/** Validates a `truncated` option (undefined or null means the default, `false`). */
export function checkTruncated(caller: string, truncated: unknown): boolean {
  if (truncated == null) return false;
  if (typeof truncated !== 'boolean') {
    throw new SnnError(
      `${caller}: \`truncated\` must be a boolean, got ${JSON.stringify(truncated)}; pass true for a normal cut at ±2σ (variance still exact) or false for the full normal`,
    );
  }
  return truncated;
}
