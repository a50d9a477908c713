import { heNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import { type serialization, tidy } from '@tensorflow/tfjs-core';
import { type LayerVariable, initializers, layers } from '@tensorflow/tfjs-layers';
import { denseKernel } from '../../../internal/dense-kernel';
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

/** How the widths inside a residual block run; see {@link residualBlockWidths}. */
export type ResidualBlockShape = 'rectangular' | 'diavolo';

/** Constructor arguments of {@link ResidualBlock} (and {@link residualBlock}). */
export interface ResidualBlockArgs extends LayerArgs {
  /** Width of the block: its output size and the size of the residual stream. */
  units: number;
  /** Fraction of `units` in the bottleneck layer, in (0, 1]. Default 0.5 (the paper's grid: 0.25, 0.5). */
  bottleneck?: number;
  /** `'rectangular'` (default) or `'diavolo'`; see {@link residualBlockWidths}. */
  blockShape?: ResidualBlockShape;
  /** Activation inside the branch and after the sum. Default `'relu'`. */
  activation?: LayerActivation;
  /**
   * Initializer of the first two branch kernels and of the shortcut projection; a seeded
   * initializer is re-seeded per kernel. Default `heNormal()` of @snn/init.
   */
  kernelInitializer?: InitializerLike;
  /**
   * Initializer of the branch's last kernel. Default zeros, so a fresh block is the identity
   * (up to the activation) and the variance does not double with every block (Goyal et al. 2017,
   * "zero-init residual"; Zhang et al. 2019, Fixup). Its gradient is non-zero from the first step.
   */
  residualInitializer?: InitializerLike;
  /** Initializer of all biases. Default zeros. */
  biasInitializer?: InitializerLike;
  /** Regularizer of every kernel. */
  kernelRegularizer?: RegularizerLike | null;
  /** Input feature size, for use as the first layer of a `tf.sequential`. */
  inputDim?: number;
}

/**
 * Widths of the three dense layers of a residual branch: `[squeeze, middle, expand]`.
 *
 * The paper (appendix, UCI grid) names the hyperparameters — units per block, block shape
 * {rectangular, diavolo}, bottleneck {25 %, 50 %} — but not the exact layout, so we use He et
 * al.'s three-layer bottleneck block translated to dense layers:
 * - squeeze = max(1, round(bottleneck · units)), the bottleneck;
 * - middle = squeeze for `'rectangular'` (constant width inside the branch), or `units` for
 *   `'diavolo'` (the branch widens again in the middle: units → squeeze → units, the two cones of
 *   a diabolo meeting at the bottleneck);
 * - expand = units, back to the residual stream.
 *
 * @example residualBlockWidths(64, 0.25, 'diavolo') // [16, 64, 64]
 * @see https://arxiv.org/abs/1706.02515
 */
export function residualBlockWidths(
  units: number,
  bottleneck: number,
  blockShape: ResidualBlockShape,
): [number, number, number] {
  const squeeze = Math.max(1, Math.round(bottleneck * units));
  return [squeeze, blockShape === 'diavolo' ? units : squeeze, units];
}

const BRANCH_NAMES = ['squeeze', 'middle', 'expand'] as const;

function checkBottleneck(value: unknown): number {
  if (typeof value === 'number' && value > 0 && value <= 1) return value;
  throw new SnnError(
    `residualBlock: \`bottleneck\` must be a fraction of the width in (0, 1], got ${JSON.stringify(value)}; pass 0.25 or 0.5 as in the paper`,
  );
}

function checkBlockShape(value: unknown): ResidualBlockShape {
  if (value === 'rectangular' || value === 'diavolo') return value;
  throw new SnnError(
    `residualBlock: \`blockShape\` must be 'rectangular' or 'diavolo', got ${JSON.stringify(value)}; pass one of these`,
  );
}

/**
 * A fully connected residual block (He et al. 2016), the paper's "ResNet" baseline.
 *
 * y = activation(S(x) + F(x)), F(x) = act(act(x·W₁ + b₁)·W₂ + b₂)·W₃ + b₃ with the widths of
 * {@link residualBlockWidths}; the shortcut S(x) = x, or the learned projection x·W_S when the
 * input size differs from `units` (He et al.'s option B).
 *
 * Weights, in order: `squeeze_kernel`, `squeeze_bias`, `middle_kernel`, `middle_bias`,
 * `expand_kernel`, `expand_bias`, and `shortcut_kernel` when the sizes differ.
 *
 * @example
 * const block = residualBlock({units: 32, bottleneck: 0.25, blockShape: 'diavolo', inputDim: 32});
 * const y = block.apply(tf.randomNormal([4, 32])) as tf.Tensor; // [4, 32]
 * @see https://arxiv.org/abs/1512.03385 (ResNet)
 * @see https://arxiv.org/abs/1706.02515 (SNN paper, ResNet baseline)
 */
export class ResidualBlock extends layers.Layer {
  static className = 'SnnResidualBlock';

  readonly units: number;
  readonly bottleneck: number;
  readonly blockShape: ResidualBlockShape;
  readonly activation: LayerActivation;
  readonly kernelInitializer: Initializer;
  readonly residualInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer?: Regularizer;

  private branch: Array<{ kernel: LayerVariable; bias: LayerVariable }> = [];
  private shortcutKernel: LayerVariable | null = null;

  constructor(args: ResidualBlockArgs) {
    if (args.inputDim != null && args.batchInputShape == null && args.inputShape == null) {
      args = { ...args, inputShape: [args.inputDim] };
    }
    super(args);
    const owner = 'residualBlock';
    this.units = checkPositiveInt(owner, 'units', args.units);
    this.bottleneck = checkBottleneck(args.bottleneck ?? 0.5);
    this.blockShape = checkBlockShape(args.blockShape ?? 'rectangular');
    this.activation = checkActivation(owner, args.activation ?? 'relu');
    this.kernelInitializer = toInitializer(
      owner,
      'kernelInitializer',
      args.kernelInitializer ?? heNormal(),
    );
    this.residualInitializer = toInitializer(
      owner,
      'residualInitializer',
      args.residualInitializer ?? initializers.zeros(),
    );
    this.biasInitializer = toInitializer(
      owner,
      'biasInitializer',
      args.biasInitializer ?? initializers.zeros(),
    );
    this.kernelRegularizer = toRegularizer(owner, 'kernelRegularizer', args.kernelRegularizer);
  }

  override build(inputShape: Shape | Shape[]): void {
    const inDim = featureDim('residualBlock', inputShape);
    const widths = residualBlockWidths(this.units, this.bottleneck, this.blockShape);
    let fanIn = inDim;
    // Names without a numeric suffix: tfjs de-duplicates variable names across models by
    // appending `_<n>`, so a weight called `bias_2` would collide with a second model's `bias`.
    this.branch = widths.map((width, i) => {
      const init =
        i === widths.length - 1 ? this.residualInitializer : reseed(this.kernelInitializer, i);
      const kernel = this.addWeight(
        `${BRANCH_NAMES[i]}_kernel`,
        [fanIn, width],
        'float32',
        init,
        this.kernelRegularizer,
        true,
      );
      const bias = this.addWeight(
        `${BRANCH_NAMES[i]}_bias`,
        [width],
        'float32',
        this.biasInitializer,
        undefined,
        true,
      );
      fanIn = width;
      return { kernel, bias };
    });
    if (inDim !== this.units) {
      this.shortcutKernel = this.addWeight(
        'shortcut_kernel',
        [inDim, this.units],
        'float32',
        reseed(this.kernelInitializer, widths.length),
        this.kernelRegularizer,
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
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor2D;
      let f: tf.Tensor2D = x;
      this.branch.forEach(({ kernel, bias }, i) => {
        const z = denseKernel(f, kernel.read() as tf.Tensor2D, bias.read() as tf.Tensor1D, {
          biasAdded: true,
        });
        f = i === this.branch.length - 1 ? z : (applyActivation(this.activation, z) as tf.Tensor2D);
      });
      const shortcut =
        this.shortcutKernel === null ? x : tf.matMul(x, this.shortcutKernel.read() as tf.Tensor2D);
      return applyActivation(this.activation, tf.add(shortcut, f));
    });
  }

  override getConfig(): serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      bottleneck: this.bottleneck,
      blockShape: this.blockShape,
      activation: this.activation,
      kernelInitializer: serialize(this.kernelInitializer),
      residualInitializer: serialize(this.residualInitializer),
      biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: this.kernelRegularizer ? serialize(this.kernelRegularizer) : null,
    };
  }
}

/**
 * Creates a {@link ResidualBlock}: y = act(x + F(x)) with a three-layer dense bottleneck branch.
 *
 * @example
 * const model = tf.sequential({layers: [residualBlock({units: 16, inputDim: 8}), residualBlock({units: 16})]});
 * @see https://arxiv.org/abs/1706.02515
 */
export function residualBlock(args: ResidualBlockArgs): ResidualBlock {
  return new ResidualBlock(args);
}
