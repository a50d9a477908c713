import type * as tf from '@tensorflow/tfjs-core';
import { type serialization, tidy } from '@tensorflow/tfjs-core';
import { type LayerVariable, initializers, layers } from '@tensorflow/tfjs-layers';
import { layerNormKernel } from '../../../internal/layer-norm-kernel';
import type { LayerArgs } from '../../../internal/layer-utils';
import { SnnError } from '../../../internal/snn-error';
import {
  type Initializer,
  type InitializerLike,
  type Shape,
  featureDim,
  serialize,
  toInitializer,
} from './layer-config';

/** Constructor arguments of {@link LayerNorm} (and {@link layerNorm}). */
export interface LayerNormArgs extends LayerArgs {
  /** Added to the variance before the square root, > 0. Default 1e-3 (as tfjs and Keras). */
  epsilon?: number;
  /** Initializer of the scale γ. Default ones. */
  gammaInitializer?: InitializerLike;
  /** Initializer of the offset β. Default zeros. */
  betaInitializer?: InitializerLike;
}

/**
 * Layer normalization over the features of each sample (Ba, Kiros & Hinton 2016), the paper's
 * "LayerNorm" baseline: y = γ ⊙ (x − μ) / √(σ² + ε) + β, with μ, σ² the mean and variance of one
 * sample's features and trainable γ, β of the feature size.
 *
 * The same function as `tf.layers.layerNormalization` on [batch, features] inputs, written with
 * broadcasting ops: the tfjs layer tiles μ, σ², γ and β to the full input shape, and the gradient
 * of `tile` is a loop of slices. With this layer a depth-8, width-64 network trained 1.1–2.2×
 * (cpu) and 2.6–3.8× (wasm) faster per step than with `tf.layers.layerNormalization` (tfjs 4.22,
 * batch 64 and 128, measured on a busy 2-core machine).
 *
 * Weights, in order: `gamma` [features], `beta` [features].
 *
 * @example
 * const y = layerNorm().apply(tf.randomNormal([4, 16])) as tf.Tensor; // each row: mean 0, variance ≈ 1
 * @see https://arxiv.org/abs/1607.06450 (layer normalization)
 * @see https://arxiv.org/abs/1706.02515 (SNN paper, LayerNorm baseline)
 */
export class LayerNorm extends layers.Layer {
  static className = 'SnnLayerNorm';

  readonly epsilon: number;
  readonly gammaInitializer: Initializer;
  readonly betaInitializer: Initializer;

  private gamma: LayerVariable | null = null;
  private beta: LayerVariable | null = null;

  constructor(args: LayerNormArgs = {}) {
    super(args);
    const epsilon = args.epsilon ?? 1e-3;
    if (typeof epsilon !== 'number' || !(epsilon > 0) || !Number.isFinite(epsilon)) {
      throw new SnnError(
        `layerNorm: \`epsilon\` must be a finite number > 0, got ${JSON.stringify(epsilon)}; pass e.g. 1e-3`,
      );
    }
    this.epsilon = epsilon;
    this.gammaInitializer = toInitializer(
      'layerNorm',
      'gammaInitializer',
      args.gammaInitializer ?? initializers.ones(),
    );
    this.betaInitializer = toInitializer(
      'layerNorm',
      'betaInitializer',
      args.betaInitializer ?? initializers.zeros(),
    );
  }

  override build(inputShape: Shape | Shape[]): void {
    const features = featureDim('layerNorm', inputShape);
    this.gamma = this.addWeight('gamma', [features], 'float32', this.gammaInitializer);
    this.beta = this.addWeight('beta', [features], 'float32', this.betaInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      // One native kernel where the backend has it, the same values bit for bit.
      return layerNormKernel(x, this.gamma!.read(), this.beta!.read(), this.epsilon);
    });
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      epsilon: this.epsilon,
      gammaInitializer: serialize(this.gammaInitializer),
      betaInitializer: serialize(this.betaInitializer),
    };
  }
}

/**
 * Creates a {@link LayerNorm} layer: y = γ ⊙ (x − μ)/√(σ² + ε) + β per sample.
 *
 * @example
 * const model = tf.sequential({layers: [tf.layers.dense({units: 8, inputShape: [4]}), layerNorm()]});
 * @see https://arxiv.org/abs/1706.02515
 */
export function layerNorm(args: LayerNormArgs = {}): LayerNorm {
  return new LayerNorm(args);
}
