import { heNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import { type serialization, tidy } from '@tensorflow/tfjs-core';
import { type LayerVariable, initializers, layers } from '@tensorflow/tfjs-layers';
import { denseKernel } from '../../../internal/dense-kernel';
import { highwayGate, mixHighway } from '../../../internal/highway-kernel';
import type { LayerArgs } from '../../../internal/layer-utils';
import { SnnError } from '../../../internal/snn-error';
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
  reseed,
  serialize,
  toInitializer,
  toRegularizer,
} from './layer-config';

/** Default transform-gate bias: σ(−2) ≈ 0.12, so a fresh layer mostly carries its input. */
export const HIGHWAY_GATE_BIAS = -2;

/** Constructor arguments of {@link Highway} (and {@link highway}). */
export interface HighwayArgs extends LayerArgs {
  /** Output units. Default: the input size (pure highway layer, identity carry). */
  units?: number;
  /** Activation of the transform H. Default `'relu'`. */
  activation?: LayerActivation;
  /**
   * Initializer of the kernels of H, of the gate T and of the carry projection. A seeded
   * initializer is re-seeded per kernel, so the kernels differ. Default `heNormal()` of @snn/init.
   */
  kernelInitializer?: InitializerLike;
  /** Initializer of H's bias. Default zeros. */
  biasInitializer?: InitializerLike;
  /**
   * Initial bias of the transform gate T. Negative values start the layer close to the identity
   * (Srivastava et al. 2015 recommend −1 to −3). Default −2.
   */
  gateBias?: number;
  /** Regularizer of every kernel (H, T, carry projection). */
  kernelRegularizer?: RegularizerLike | null;
  /** Input feature size, for use as the first layer of a `tf.sequential`. */
  inputDim?: number;
}

/**
 * A fully connected highway layer (Srivastava, Greff & Schmidhuber 2015), the paper's "Highway"
 * baseline.
 *
 * y = H(x) ⊙ T(x) + C(x) ⊙ (1 − T(x)), with the transform H(x) = activation(x·W_H + b_H), the
 * transform gate T(x) = σ(x·W_T + b_T) and the carry C(x) = x. When `units` differs from the input
 * size (first layer of a network, conic shapes) the carry is a learned linear projection x·W_C.
 *
 * Weights, in order: `kernel` W_H, `bias` b_H, `gate_kernel` W_T, `gate_bias` b_T, and
 * `carry_kernel` W_C when the sizes differ.
 *
 * @example
 * const layer = highway({inputDim: 16});
 * const y = layer.apply(tf.randomNormal([4, 16])) as tf.Tensor; // [4, 16]
 * @see https://arxiv.org/abs/1505.00387 (highway networks)
 * @see https://arxiv.org/abs/1706.02515 (SNN paper, Highway baseline)
 */
export class Highway extends layers.Layer {
  static className = 'SnnHighway';

  readonly units: number | null;
  readonly activation: LayerActivation;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly gateBias: number;
  readonly kernelRegularizer?: Regularizer;

  private kernel: LayerVariable | null = null;
  private bias: LayerVariable | null = null;
  private gateKernel: LayerVariable | null = null;
  private gateBiasWeight: LayerVariable | null = null;
  private carryKernel: LayerVariable | null = null;

  constructor(args: HighwayArgs = {}) {
    if (args.inputDim != null && args.batchInputShape == null && args.inputShape == null) {
      args = { ...args, inputShape: [args.inputDim] };
    }
    super(args);
    const owner = 'highway';
    this.units = args.units == null ? null : checkPositiveInt(owner, 'units', args.units);
    this.activation = checkActivation(owner, args.activation ?? 'relu');
    this.kernelInitializer = toInitializer(
      owner,
      'kernelInitializer',
      args.kernelInitializer ?? heNormal(),
    );
    this.biasInitializer = toInitializer(
      owner,
      'biasInitializer',
      args.biasInitializer ?? initializers.zeros(),
    );
    const gateBias = args.gateBias ?? HIGHWAY_GATE_BIAS;
    if (typeof gateBias !== 'number' || !Number.isFinite(gateBias)) {
      throw new SnnError(
        `highway: \`gateBias\` must be a finite number, got ${JSON.stringify(gateBias)}; pass a negative value such as -2`,
      );
    }
    this.gateBias = gateBias;
    this.kernelRegularizer = toRegularizer(owner, 'kernelRegularizer', args.kernelRegularizer);
  }

  override build(inputShape: Shape | Shape[]): void {
    const inDim = featureDim('highway', inputShape);
    const units = this.units ?? inDim;
    const add = (name: string, shape: number[], init: Initializer, reg?: Regularizer) =>
      this.addWeight(name, shape, 'float32', init, reg, true);
    this.kernel = add(
      'kernel',
      [inDim, units],
      reseed(this.kernelInitializer, 0),
      this.kernelRegularizer,
    );
    this.bias = add('bias', [units], this.biasInitializer);
    this.gateKernel = add(
      'gate_kernel',
      [inDim, units],
      reseed(this.kernelInitializer, 1),
      this.kernelRegularizer,
    );
    this.gateBiasWeight = add(
      'gate_bias',
      [units],
      initializers.constant({ value: this.gateBias }),
    );
    if (units !== inDim) {
      this.carryKernel = add(
        'carry_kernel',
        [inDim, units],
        reseed(this.kernelInitializer, 2),
        this.kernelRegularizer,
      );
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [...shape.slice(0, -1), this.units ?? shape[shape.length - 1]!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      const product = (kernel: LayerVariable, bias: LayerVariable) =>
        denseKernel(x, kernel.read() as tf.Tensor2D, bias.read() as tf.Tensor1D, {
          biasAdded: true,
        });
      const carry = () =>
        this.carryKernel === null ? x : tf.matMul(x, this.carryKernel.read() as tf.Tensor2D);
      if (this.activation === 'relu') {
        // ReLU, the sigmoid and the gate as one differentiable op (one kernel on snn-native).
        const transform = product(this.kernel!, this.bias!);
        const gate = product(this.gateKernel!, this.gateBiasWeight!);
        return highwayGate(carry(), transform, gate);
      }
      const h = applyActivation(this.activation, product(this.kernel!, this.bias!));
      const t = tf.sigmoid(product(this.gateKernel!, this.gateBiasWeight!));
      return mixHighway(carry(), h, t);
    });
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      kernelInitializer: serialize(this.kernelInitializer),
      biasInitializer: serialize(this.biasInitializer),
      gateBias: this.gateBias,
      kernelRegularizer: this.kernelRegularizer ? serialize(this.kernelRegularizer) : null,
    };
  }
}

/**
 * Creates a {@link Highway} layer: y = H(x)·T(x) + x·(1 − T(x)), gate bias −2 by default.
 *
 * @example
 * const model = tf.sequential({layers: [highway({inputDim: 8}), highway()]});
 * @see https://arxiv.org/abs/1706.02515
 */
export function highway(args: HighwayArgs = {}): Highway {
  return new Highway(args);
}
