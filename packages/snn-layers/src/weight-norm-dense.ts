import { heNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import { type serialization, tidy } from '@tensorflow/tfjs-core';
import { type LayerVariable, initializers, layers } from '@tensorflow/tfjs-layers';
import { denseKernel } from '../../../internal/dense-kernel';
import type { LayerArgs } from '../../../internal/layer-utils';
import { weightNormKernel } from '../../../internal/weight-norm-kernel';
import {
  type Initializer,
  type InitializerLike,
  type LayerActivation,
  type Regularizer,
  type RegularizerLike,
  type Shape,
  applyActivation,
  checkActivation,
  checkPositiveInt,
  featureDim,
  serialize,
  toInitializer,
  toRegularizer,
} from './layer-config';

/** Constructor arguments of {@link WeightNormDense} (and {@link weightNormDense}). */
export interface WeightNormDenseArgs extends LayerArgs {
  /** Output units, a positive integer. */
  units: number;
  /** Element-wise activation applied to the output. Default `'linear'`. */
  activation?: LayerActivation;
  /** Add a bias vector. Default `true`. */
  useBias?: boolean;
  /** Initializer of the direction `v` (its scale does not matter). Default `heNormal()` of @snn/init. */
  kernelInitializer?: InitializerLike;
  /**
   * Initializer of the per-unit length `g`. Default: the constant √2 for `activation: 'relu'` (each
   * unit's weight vector then has Σw² = 2, He et al.'s scale exactly) and 1 otherwise (LeCun's scale).
   */
  gInitializer?: InitializerLike;
  /** Default zeros. */
  biasInitializer?: InitializerLike;
  /** Regularizer of the direction `v`, e.g. `tf.regularizers.l2({l2: 1e-4})`. */
  kernelRegularizer?: RegularizerLike | null;
  /** Input feature size, for use as the first layer of a `tf.sequential`. */
  inputDim?: number;
}

// Guards ‖v‖ = 0 only; far below float32 resolution of any real ‖v‖².
const NORM_EPSILON = 1e-12;

/**
 * A dense layer with weight normalization (Salimans & Kingma 2016), the paper's "WeightNorm"
 * baseline.
 *
 * Each output unit j has a trainable direction v_j (a column of `v`, shape [in, units]) and a
 * trainable length g_j: w_j = g_j · v_j / ‖v_j‖, y = activation(x·w + b). Gradient descent on
 * (g, v) decouples the length of every weight vector from its direction.
 *
 * Weights, in order: `v` [in, units], `g` [units], `bias` [units] (if `useBias`).
 *
 * @example
 * const layer = weightNormDense({units: 32, activation: 'relu'});
 * const y = layer.apply(tf.randomNormal([4, 16])) as tf.Tensor; // [4, 32]
 * @see https://arxiv.org/abs/1602.07868 (weight normalization)
 * @see https://arxiv.org/abs/1706.02515 (SNN paper, WeightNorm baseline)
 */
export class WeightNormDense extends layers.Layer {
  static className = 'SnnWeightNormDense';

  readonly units: number;
  readonly activation: LayerActivation;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly gInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer?: Regularizer;

  private v: LayerVariable | null = null;
  private g: LayerVariable | null = null;
  private bias: LayerVariable | null = null;

  constructor(args: WeightNormDenseArgs) {
    if (args.inputDim != null && args.batchInputShape == null && args.inputShape == null) {
      args = { ...args, inputShape: [args.inputDim] };
    }
    super(args);
    const owner = 'weightNormDense';
    this.units = checkPositiveInt(owner, 'units', args.units);
    this.activation = checkActivation(owner, args.activation ?? 'linear');
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = toInitializer(
      owner,
      'kernelInitializer',
      args.kernelInitializer ?? heNormal(),
    );
    this.gInitializer = toInitializer(
      owner,
      'gInitializer',
      args.gInitializer ??
        initializers.constant({ value: this.activation === 'relu' ? Math.SQRT2 : 1 }),
    );
    this.biasInitializer = toInitializer(
      owner,
      'biasInitializer',
      args.biasInitializer ?? initializers.zeros(),
    );
    this.kernelRegularizer = toRegularizer(owner, 'kernelRegularizer', args.kernelRegularizer);
  }

  override build(inputShape: Shape | Shape[]): void {
    const inDim = featureDim('weightNormDense', inputShape);
    this.v = this.addWeight(
      'v',
      [inDim, this.units],
      'float32',
      this.kernelInitializer,
      this.kernelRegularizer,
      true,
    );
    this.g = this.addWeight('g', [this.units], 'float32', this.gInitializer, undefined, true);
    if (this.useBias) {
      this.bias = this.addWeight(
        'bias',
        [this.units],
        'float32',
        this.biasInitializer,
        undefined,
        true,
      );
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const y =
        this.bias === null
          ? tf.matMul(x as tf.Tensor2D, this.kernel())
          : denseKernel(x as tf.Tensor2D, this.kernel(), this.bias.read() as tf.Tensor1D, {
              biasAdded: true,
            });
      return applyActivation(this.activation, y);
    });
  }

  /** The effective kernel w = g · v / ‖v‖, shape [in, units]; the caller owns the tensor. */
  effectiveKernel(): tf.Tensor2D {
    return tidy(() => this.kernel());
  }

  private kernel(): tf.Tensor2D {
    // w = g · v / ‖v‖, the norm taken per output unit (over the input axis); one native kernel
    // where the backend has it, the same values bit for bit. A regularizer on v adds a third
    // term to v's gradient, whose sum depends on the order of the terms: the composite then.
    return weightNormKernel(
      this.v!.read() as tf.Tensor2D,
      this.g!.read() as tf.Tensor1D,
      NORM_EPSILON,
      this.kernelRegularizer == null,
    );
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: serialize(this.kernelInitializer),
      gInitializer: serialize(this.gInitializer),
      biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: this.kernelRegularizer ? serialize(this.kernelRegularizer) : null,
    };
  }
}

/**
 * Creates a {@link WeightNormDense} layer: w = g · v / ‖v‖ per unit, trainable g and v.
 *
 * @example
 * const model = tf.sequential({layers: [weightNormDense({units: 8, inputDim: 4, activation: 'relu'})]});
 * @see https://arxiv.org/abs/1706.02515
 */
export function weightNormDense(args: WeightNormDenseArgs): WeightNormDense {
  return new WeightNormDense(args);
}
