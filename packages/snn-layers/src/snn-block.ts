import { lecunNormal } from '@snn/init';
import { alphaDropoutLayer, seluLayer } from '@snn/selu';
import { type layers, regularizers } from '@tensorflow/tfjs-layers';
import { dense } from './dense';
import { checkPositiveInt, checkRate } from './layer-config';

type Layer = InstanceType<typeof layers.Layer>;

/** Options of {@link snnBlock}. */
export interface SnnBlockOptions {
  /** Units of the dense layer, a positive integer. */
  units: number;
  /** Alpha-dropout rate in [0, 1); 0 (default) adds no dropout layer. The paper uses 0.05 or 0.1. */
  dropoutRate?: number;
  /** Seed of the kernel initializer; the same seed gives the same kernel. Default: unseeded. */
  seed?: number;
  /**
   * Seed of the alpha-dropout masks: a new mask per training step, the same sequence of masks for
   * the same seed. Default: unseeded.
   */
  dropoutSeed?: number;
  /** L2 penalty on the kernel (`tf.regularizers.l2`). Default 0 (none). */
  l2?: number;
  /**
   * Name of the block. The SELU layer gets this name, the dense layer `${name}_dense`, the dropout
   * layer `${name}_dropout`. Default: tfjs's automatic names.
   */
  name?: string;
  /** Input feature size, for use as the first block of a `tf.sequential`. */
  inputDim?: number;
}

/**
 * One self-normalizing hidden layer: Dense (LeCun normal N(0, 1/fan_in), zero bias) → SELU →
 * AlphaDropout (only when `dropoutRate` > 0).
 *
 * With standardized inputs these weights give ω ≈ 0, τ ≈ 1 per unit, and SELU maps activations
 * with mean ≈ 0 and variance ≈ 1 back towards (0, 1) (the paper's Theorem 1), layer after layer.
 *
 * @example
 * const model = tf.sequential();
 * for (const layer of snnBlock({units: 64, inputDim: 16, dropoutRate: 0.05, seed: 1})) model.add(layer);
 * @see https://arxiv.org/abs/1706.02515
 */
export function snnBlock(options: SnnBlockOptions): Layer[] {
  const { seed, dropoutSeed, l2 = 0, name, inputDim } = options;
  const units = checkPositiveInt('snnBlock', 'units', options.units);
  const dropoutRate = checkRate('snnBlock', 'dropoutRate', options.dropoutRate ?? 0);
  const block: Layer[] = [
    dense({
      units,
      useBias: true,
      kernelInitializer: lecunNormal({ seed }),
      biasInitializer: 'zeros',
      kernelRegularizer: l2 > 0 ? regularizers.l2({ l2 }) : undefined,
      ...(name === undefined ? {} : { name: `${name}_dense` }),
      ...(inputDim === undefined ? {} : { inputShape: [inputDim] }),
    }),
    seluLayer(name === undefined ? {} : { name }),
  ];
  if (dropoutRate > 0) {
    block.push(
      alphaDropoutLayer({
        rate: dropoutRate,
        ...(dropoutSeed === undefined ? {} : { seed: dropoutSeed }),
        ...(name === undefined ? {} : { name: `${name}_dropout` }),
      }),
    );
  }
  return block;
}
