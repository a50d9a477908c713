import { heNormal } from '@snn/init';
import { layers, regularizers } from '@tensorflow/tfjs-layers';
import { batchNormalization } from './batch-normalization';
import { dense } from './dense';
import { checkPositiveInt } from './layer-config';

type Layer = InstanceType<typeof layers.Layer>;

/** Options of {@link batchNormBlock}. */
export interface BatchNormBlockOptions {
  /** Units of the dense layer, a positive integer. */
  units: number;
  /** Seed of the kernel initializer; the same seed gives the same kernel. Default: unseeded. */
  seed?: number;
  /** L2 penalty on the kernel (`tf.regularizers.l2`). Default 0 (none). */
  l2?: number;
  /**
   * Name of the block. The batch-normalization layer gets this name, the dense layer
   * `${name}_dense`, the ReLU `${name}_relu`. Default: tfjs's automatic names.
   */
  name?: string;
  /** Input feature size, for use as the first block of a `tf.sequential`. */
  inputDim?: number;
}

/**
 * One hidden layer of the paper's BatchNorm baseline: Dense (He normal N(0, 2/fan_in), zero bias)
 * → ReLU → {@link BatchNormalization} (tfjs-layers' layer, trained through one kernel) —
 * normalization after the activation, as in the code of the paper's Figure 1.
 *
 * @example
 * const model = tf.sequential();
 * for (const layer of batchNormBlock({units: 64, inputDim: 16, seed: 1})) model.add(layer);
 * @see https://arxiv.org/abs/1706.02515
 */
export function batchNormBlock(options: BatchNormBlockOptions): Layer[] {
  const { seed, l2 = 0, name, inputDim } = options;
  const units = checkPositiveInt('batchNormBlock', 'units', options.units);
  return [
    dense({
      units,
      useBias: true,
      kernelInitializer: heNormal({ seed }),
      biasInitializer: 'zeros',
      kernelRegularizer: l2 > 0 ? regularizers.l2({ l2 }) : undefined,
      ...(name === undefined ? {} : { name: `${name}_dense` }),
      ...(inputDim === undefined ? {} : { inputShape: [inputDim] }),
    }),
    layers.reLU(name === undefined ? {} : { name: `${name}_relu` }),
    batchNormalization(name === undefined ? {} : { name }),
  ];
}
