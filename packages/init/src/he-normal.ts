import type { DataType, Tensor, serialization } from '@tensorflow/tfjs-core';
import { positiveFanIn } from './compute-fans';
import { checkTruncated } from './lecun-normal';
import { sampleNormal } from './sample-normal';
import { type SeedArgs, type Shape, SnnInitializer, checkFloat32 } from './snn-initializer';

/** Arguments of {@link heNormal}. */
export interface HeNormalArgs extends SeedArgs {
  /**
   * Cut the normal at ±2σ′ and widen σ′ = √(2/fanIn)/0.87962566103423978 so that the variance
   * stays exactly 2/fanIn. Default `false`: the exact normal N(0, 2/fanIn) of the paper's
   * MSRA-initialized baselines.
   */
  truncated?: boolean;
}

/**
 * He (MSRA) normal initializer with exact variance: w ~ N(0, 2/fanIn), the initialization of the
 * paper's ReLU baselines ("MSRAinit").
 *
 * Untruncated by default, as the paper's baseline needs; tfjs's `initializers.heNormal` is cut at
 * ±2σ without correction and has variance 0.774·2/fanIn. With `truncated: true` the cut is at
 * ±2σ′ with σ′ = √(2/fanIn)/0.87962566103423978, so the variance is still 2/fanIn.
 *
 * @example
 * const layer = tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: heNormal({ seed: 1 }) });
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export class HeNormal extends SnnInitializer {
  static className = 'SnnHeNormal';
  readonly truncated: boolean;

  constructor(args?: HeNormalArgs) {
    super('heNormal', args);
    this.truncated = checkTruncated('heNormal', args?.truncated);
  }

  /** Draws a tensor of `shape` (float32 unless `dtype` says otherwise); the caller owns it. */
  override apply(shape: Shape, dtype?: DataType): Tensor {
    checkFloat32('heNormal', dtype);
    const fanIn = positiveFanIn('heNormal', shape);
    return sampleNormal(shape as number[], 2 / fanIn, this.truncated, this.seedForTfjs());
  }

  /** The constructor options, for serialization (`fromConfig` rebuilds the initializer). */
  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), truncated: this.truncated };
  }
}

/**
 * Creates a {@link HeNormal} initializer: w ~ N(0, 2/fanIn), untruncated unless
 * `truncated: true` (then cut at ±2σ′ with the variance kept at 2/fanIn).
 *
 * @param args.seed Seed; the same seed gives the same tensor. Default: unseeded.
 * @param args.truncated Cut at ±2σ′, σ′ = √(2/fanIn)/0.87962566103423978. Default `false`.
 *
 * @example
 * const w = heNormal({ seed: 3 }).apply([784, 784]); // variance 2/784
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function heNormal(args?: HeNormalArgs): HeNormal {
  return new HeNormal(args);
}
