import { heNormal, lecunNormal } from '@snn/init';
import { alphaDropoutLayer } from '@snn/selu';
import { type LayersModel, layers, regularizers, sequential } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../internal/snn-error';
import { ARCHITECTURES, type Architecture } from './architectures';
import { batchNormBlock } from './batch-norm-block';
import { dense } from './dense';
import { highway } from './highway';
import { checkPositiveInt, checkRate } from './layer-config';
import { layerNorm } from './layer-norm';
import { type NetworkShape, layerWidths } from './layer-widths';
import { type ResidualBlockShape, residualBlock } from './residual-block';
import { DROPOUT_SEED_PATH, deriveSeed } from './seed';
import { seededDropout } from './seeded-dropout';
import { snnBlock } from './snn-block';
import { weightNormDense } from './weight-norm-dense';

type Layer = InstanceType<typeof layers.Layer>;

/** The activation of the output layer: class probabilities, independent probabilities, or raw. */
export type OutputActivation = 'softmax' | 'sigmoid' | 'linear';

/** Options of {@link buildFnn}. */
export interface BuildFnnOptions {
  architecture: Architecture;
  /** Number of input features (standardized, for an SNN). */
  inputDim: number;
  /** Number of outputs (classes, tasks or targets). */
  outputDim: number;
  /** Hidden layers; for `'resnet'` the number of residual blocks. */
  depth: number;
  /** Units of the (first) hidden layer; for `'resnet'` the units per block. */
  width: number;
  /** `'rectangular'` (default) or `'conic'`; see {@link layerWidths}. */
  shape?: NetworkShape;
  /**
   * Dropout after every hidden layer, in [0, 1). Alpha dropout for `'snn'`, standard dropout
   * otherwise. Default 0. (The paper's grids: SNN {0, 0.05}; MSRA and Highway {0, 0.5}.)
   */
  dropoutRate?: number;
  /** Dropout on the input, in [0, 1) (alpha dropout for `'snn'`). Default 0. */
  inputDropoutRate?: number;
  /** Activation of the output layer. Default `'softmax'`. */
  outputActivation?: OutputActivation;
  /** L2 penalty on every kernel. Default 0. */
  l2?: number;
  /**
   * Seed of all initial weights: hidden layer i gets `deriveSeed(seed, i)`, the output layer
   * `deriveSeed(seed, depth)`, and layers with several kernels derive one more level. The same
   * seed gives identical weights; without a seed every call draws new ones. The dropout after
   * hidden layer i draws its masks from `deriveSeed(seed, i, DROPOUT_SEED_PATH)`, the input dropout
   * from `deriveSeed(seed, -1, DROPOUT_SEED_PATH)`: a new mask at every step, and the same
   * sequence of masks, hence the same training run, for the same seed.
   */
  seed?: number;
  /** ResNet only: `'rectangular'` (default) or `'diavolo'`; see `residualBlockWidths`. */
  blockShape?: ResidualBlockShape;
  /** ResNet only: bottleneck units as a fraction of the block width, in (0, 1]. Default 0.5. */
  bottleneck?: number;
  /** Name of the model. */
  name?: string;
}

const OUTPUT_ACTIVATIONS: readonly OutputActivation[] = ['softmax', 'sigmoid', 'linear'];

function fail(arg: string, expected: string, value: unknown, fix: string): never {
  throw new SnnError(
    `buildFnn: \`${arg}\` must be ${expected}, got ${JSON.stringify(value)}; ${fix}`,
  );
}

/**
 * The name `buildFnn` gives the output layer of hidden layer `index` (0-based): `hidden_<index + 1>`.
 * {@link activationStats} and {@link normalizationMonitor} measure the layers named this way.
 *
 * @example hiddenLayerName(0) // 'hidden_1'
 * @see https://arxiv.org/abs/1706.02515
 */
export function hiddenLayerName(index: number): string {
  return `hidden_${index + 1}`;
}

/**
 * Builds one of the paper's seven feed-forward network types as a `tf.Sequential` (not compiled).
 *
 * Hidden layer i (widths from {@link layerWidths}) is, with i's output layer named `hidden_<i>`:
 * - `'snn'`: Dense (LeCun normal) → SELU → AlphaDropout ({@link snnBlock});
 * - `'batchnorm'`: Dense (He normal) → ReLU → BatchNormalization ({@link batchNormBlock});
 * - `'msra'`: Dense (He normal) + ReLU → Dropout;
 * - `'layernorm'`: Dense (He normal) → LayerNorm ({@link layerNorm}) → ReLU → Dropout;
 * - `'weightnorm'`: WeightNormDense (w = g·v/‖v‖, ReLU) → Dropout;
 * - `'highway'`: Highway (transform gate bias −2, ReLU transform) → Dropout;
 * - `'resnet'`: ResidualBlock (bottleneck branch, zero-initialized last kernel) → Dropout.
 *
 * The output layer is Dense(outputDim, LeCun normal, zero bias) with `outputActivation`.
 *
 * @example
 * const model = buildFnn({architecture: 'snn', inputDim: 784, outputDim: 10, depth: 8, width: 784, seed: 1});
 * model.compile({optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy'});
 * @see https://arxiv.org/abs/1706.02515
 */
export function buildFnn(options: BuildFnnOptions): LayersModel {
  const {
    architecture,
    shape = 'rectangular',
    outputActivation = 'softmax',
    l2 = 0,
    seed,
    blockShape = 'rectangular',
    bottleneck = 0.5,
  } = options;
  if (!(ARCHITECTURES as readonly string[]).includes(architecture)) {
    fail('architecture', `one of ${ARCHITECTURES.join(', ')}`, architecture, 'pick one of these');
  }
  const inputDim = checkPositiveInt('buildFnn', 'inputDim', options.inputDim);
  const outputDim = checkPositiveInt('buildFnn', 'outputDim', options.outputDim);
  const depth = checkPositiveInt('buildFnn', 'depth', options.depth);
  const width = checkPositiveInt('buildFnn', 'width', options.width);
  const dropoutRate = checkRate('buildFnn', 'dropoutRate', options.dropoutRate ?? 0);
  const inputDropoutRate = checkRate('buildFnn', 'inputDropoutRate', options.inputDropoutRate ?? 0);
  if (shape !== 'rectangular' && shape !== 'conic') {
    fail('shape', "'rectangular' or 'conic'", shape, 'pass one of these');
  }
  if (!OUTPUT_ACTIVATIONS.includes(outputActivation)) {
    fail('outputActivation', OUTPUT_ACTIVATIONS.join(', '), outputActivation, 'pass one of these');
  }
  if (typeof l2 !== 'number' || !(l2 >= 0)) {
    fail('l2', 'a number ≥ 0', l2, 'pass e.g. 1e-4, or 0 for no penalty');
  }
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    fail('seed', 'a finite number', seed, 'pass an integer such as 1, or leave it out');
  }
  if (blockShape !== 'rectangular' && blockShape !== 'diavolo') {
    fail('blockShape', "'rectangular' or 'diavolo'", blockShape, 'pass one of these');
  }
  if (typeof bottleneck !== 'number' || !(bottleneck > 0 && bottleneck <= 1)) {
    fail('bottleneck', 'a fraction in (0, 1]', bottleneck, 'pass 0.25 or 0.5 as in the paper');
  }

  const layerSeed = (i: number) => (seed === undefined ? undefined : deriveSeed(seed, i));
  const dropoutSeed = (i: number) =>
    seed === undefined ? undefined : deriveSeed(seed, i, DROPOUT_SEED_PATH);
  const kernelRegularizer = () => (l2 > 0 ? regularizers.l2({ l2 }) : undefined);
  const dropout = (name: string, rate: number, i: number): Layer[] =>
    rate > 0 ? [seededDropout({ rate, seed: dropoutSeed(i) ?? null, name })] : [];

  const model = sequential(options.name === undefined ? {} : { name: options.name });
  model.add(layers.inputLayer({ inputShape: [inputDim], name: 'input' }));
  if (inputDropoutRate > 0) {
    model.add(
      architecture === 'snn'
        ? alphaDropoutLayer({
            rate: inputDropoutRate,
            seed: dropoutSeed(-1) ?? null,
            name: 'input_dropout',
          })
        : seededDropout({
            rate: inputDropoutRate,
            seed: dropoutSeed(-1) ?? null,
            name: 'input_dropout',
          }),
    );
  }

  layerWidths({ width, depth, outputDim, shape }).forEach((units, i) => {
    const name = hiddenLayerName(i);
    const s = layerSeed(i);
    let block: Layer[];
    switch (architecture) {
      case 'snn':
        block = snnBlock({ units, dropoutRate, seed: s, dropoutSeed: dropoutSeed(i), l2, name });
        break;
      case 'batchnorm':
        block = [
          ...batchNormBlock({ units, seed: s, l2, name }),
          ...dropout(`${name}_dropout`, dropoutRate, i),
        ];
        break;
      case 'msra':
        block = [
          dense({
            units,
            activation: 'relu',
            kernelInitializer: heNormal({ seed: s }),
            biasInitializer: 'zeros',
            kernelRegularizer: kernelRegularizer(),
            name,
          }),
          ...dropout(`${name}_dropout`, dropoutRate, i),
        ];
        break;
      case 'layernorm':
        block = [
          dense({
            units,
            kernelInitializer: heNormal({ seed: s }),
            biasInitializer: 'zeros',
            kernelRegularizer: kernelRegularizer(),
            name: `${name}_dense`,
          }),
          layerNorm({ name: `${name}_norm` }),
          layers.reLU({ name }),
          ...dropout(`${name}_dropout`, dropoutRate, i),
        ];
        break;
      case 'weightnorm':
        block = [
          weightNormDense({
            units,
            activation: 'relu',
            kernelInitializer: heNormal({ seed: s }),
            kernelRegularizer: kernelRegularizer(),
            name,
          }),
          ...dropout(`${name}_dropout`, dropoutRate, i),
        ];
        break;
      case 'highway':
        block = [
          highway({
            units,
            kernelInitializer: heNormal({ seed: s }),
            kernelRegularizer: kernelRegularizer(),
            name,
          }),
          ...dropout(`${name}_dropout`, dropoutRate, i),
        ];
        break;
      case 'resnet':
        block = [
          residualBlock({
            units,
            bottleneck,
            blockShape,
            kernelInitializer: heNormal({ seed: s }),
            kernelRegularizer: kernelRegularizer(),
            name,
          }),
          ...dropout(`${name}_dropout`, dropoutRate, i),
        ];
        break;
    }
    for (const layer of block) model.add(layer);
  });

  model.add(
    dense({
      units: outputDim,
      activation: outputActivation,
      kernelInitializer: lecunNormal({ seed: layerSeed(depth) }),
      biasInitializer: 'zeros',
      kernelRegularizer: kernelRegularizer(),
      name: 'output',
    }),
  );
  return model;
}
