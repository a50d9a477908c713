import { type DataType, type Tensor, randomUniform } from '@tensorflow/tfjs-core';
import { positiveFanIn } from './compute-fans';
import { type SeedArgs, type Shape, SnnInitializer, checkFloat32 } from './snn-initializer';

/** Arguments of {@link lecunUniform}. */
export type LecunUniformArgs = SeedArgs;

/**
 * LeCun uniform initializer: w ~ U(−√(3/fanIn), √(3/fanIn)), so Var(w) = 1/fanIn exactly.
 *
 * Same distribution as tfjs's `initializers.leCunUniform` (which is correct); provided so that a
 * model can use one family of registered SNN initializers.
 *
 * @example
 * const w = lecunUniform({ seed: 2 }).apply([784, 256]); // |w| < √(3/784) ≈ 0.0619
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export class LecunUniform extends SnnInitializer {
  static className = 'SnnLecunUniform';

  constructor(args?: LecunUniformArgs) {
    super('lecunUniform', args);
  }

  /** Draws a tensor of `shape` (float32 unless `dtype` says otherwise); the caller owns it. */
  override apply(shape: Shape, dtype?: DataType): Tensor {
    checkFloat32('lecunUniform', dtype);
    const fanIn = positiveFanIn('lecunUniform', shape);
    // Written as tfjs's VarianceScaling writes it, so a seeded draw matches it bit for bit.
    const limit = Math.sqrt(3 * (1 / fanIn));
    return randomUniform(shape as number[], -limit, limit, 'float32', this.seedForTfjs());
  }
}

/**
 * Creates a {@link LecunUniform} initializer: w ~ U(−√(3/fanIn), √(3/fanIn)), variance 1/fanIn.
 *
 * @param args.seed Seed; the same seed gives the same tensor. Default: unseeded.
 *
 * @example
 * const layer = tf.layers.dense({ units: 64, activation: 'selu', kernelInitializer: lecunUniform({ seed: 2 }) });
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function lecunUniform(args?: LecunUniformArgs): LecunUniform {
  return new LecunUniform(args);
}
