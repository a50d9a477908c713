import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type Kwargs, type LayerArgs, singleInput } from '../../../../internal/layer-utils';
import { SnnError } from '../../../../internal/snn-error';
import { SELU_ALPHA, SELU_LAMBDA } from '../constants';
import { selu } from '../selu';
import { seluParameters } from '../selu-parameters';
import { type FixedPoint, resolveSeluParams } from '../selu-params';

/** Arguments of {@link seluLayer}. */
export interface SeluLayerArgs extends LayerArgs {
  /** α > 0. Default {@link SELU_ALPHA}, or solved from `fixedPoint`. */
  alpha?: number | null;
  /** λ > 0. Default {@link SELU_LAMBDA}, or solved from `fixedPoint`. */
  lambda?: number | null;
  /**
   * Target mean and variance; α and λ not given explicitly are solved for it with
   * {@link seluParameters}. Default: none (the standard (0, 1) SELU).
   */
  fixedPoint?: FixedPoint | null;
}

/**
 * SELU activation as a layer, `λ·x` for x > 0 and `λ·α·(eˣ − 1)` for x ≤ 0; serializable as
 * `SnnSelu`. Arguments as for {@link seluLayer}.
 * @example
 * const layer = new SeluLayer({ fixedPoint: { mean: -0.1, variance: 2 } }); // α 1.9769, λ 1.0739
 * @see https://arxiv.org/abs/1706.02515
 */
export class SeluLayer extends tfl.layers.Layer {
  static className = 'SnnSelu';
  readonly alpha: number;
  readonly lambda: number;
  readonly fixedPoint: FixedPoint | null;

  constructor(args: SeluLayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
    const fixedPoint = args.fixedPoint ?? null;
    if (fixedPoint !== null && typeof fixedPoint !== 'object') {
      throw new SnnError(
        `seluLayer: \`fixedPoint\` must be an object {mean?, variance?}, got ${String(fixedPoint)}; omit it for (0, 1)`,
      );
    }
    const solved =
      fixedPoint !== null && (args.alpha == null || args.lambda == null)
        ? seluParameters({ mean: fixedPoint.mean, variance: fixedPoint.variance })
        : { alpha: SELU_ALPHA, lambda: SELU_LAMBDA };
    const { alpha, lambda } = resolveSeluParams('seluLayer', {
      alpha: args.alpha ?? solved.alpha,
      lambda: args.lambda ?? solved.lambda,
    });
    this.alpha = alpha;
    this.lambda = lambda;
    this.fixedPoint =
      fixedPoint === null
        ? null
        : { mean: fixedPoint.mean ?? 0, variance: fixedPoint.variance ?? 1 };
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      return selu(singleInput('seluLayer', inputs), { alpha: this.alpha, lambda: this.lambda });
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      alpha: this.alpha,
      lambda: this.lambda,
      fixedPoint: this.fixedPoint === null ? null : { ...this.fixedPoint },
      ...super.getConfig(),
    };
  }
}

/**
 * The SELU activation as a layer, `selu(x) = λ·x` for x > 0 and `λ·α·(eˣ − 1)` for x ≤ 0, with the
 * standard α01, λ01, custom α, λ, or those solved for a fixed point (mean, variance).
 *
 * @param args `{alpha?, lambda?, fixedPoint?}` plus the usual layer arguments (`inputShape`, `name`,
 *   …): α, λ > 0 (default {@link SELU_ALPHA}, {@link SELU_LAMBDA}); `fixedPoint` `{mean, variance}`
 *   (ν > 0) to solve α and λ with {@link seluParameters}; explicit α/λ take precedence.
 * @example
 * const model = tf.sequential({ layers: [
 *   tf.layers.dense({ units: 64, inputShape: [10], kernelInitializer: lecunNormal() }),
 *   seluLayer(),
 * ] });
 * @see https://arxiv.org/abs/1706.02515
 */
export function seluLayer(args?: SeluLayerArgs): SeluLayer {
  return new SeluLayer(args);
}
