import { AlphaDropoutLayer } from '@snn/selu';
import type { LayersModel, layers } from '@tensorflow/tfjs-layers';

type Layer = InstanceType<typeof layers.Layer>;

/** How a dropout layer drops: @snn/selu's alpha dropout, tfjs's built-in one (which drops to +λα), or zeros. */
export type DropoutKind = 'alpha' | 'alpha-tfjs' | 'feature-alpha' | 'standard';

/** One layer as the doctor sees it. */
export interface LayerAnatomy {
  layer: Layer;
  name: string;
  className: string;
  /** Dense or convolution: a kernel with a fan-in. */
  weighted: boolean;
  /** The activation the layer applies (`'linear'` for a Dense without one), or null. */
  activation: string | null;
  /** The kernel initializer as the config names it, e.g. `LecunNormal`, `VarianceScaling(scale 2, fan_in, normal)`. */
  initializer: string | null;
  /** The kernel initializer as the config serializes it (`{className, config}`), or null. */
  initializerConfig: unknown;
  dropout: DropoutKind | null;
  /** BatchNormalization (or another normalization layer that rescales by batch statistics). */
  batchNorm: boolean;
}

/** A weighted layer with the activation that follows it before the next weighted layer. */
export interface Block {
  dense: LayerAnatomy;
  /** The effective activation: the layer's own, or that of the first activation layer after it. */
  activation: string;
  /** The layer whose output is the block's activation. */
  output: LayerAnatomy;
  /** The layers after the activation, up to the next weighted layer. */
  after: LayerAnatomy[];
  /** Layers between the weighted layer and its activation (e.g. BatchNormalization). */
  before: LayerAnatomy[];
}

const ACTIVATION_LAYERS: Record<string, string> = {
  SnnSelu: 'selu',
  ReLU: 'relu',
  ELU: 'elu',
  LeakyReLU: 'leakyRelu',
  PReLU: 'prelu',
  Softmax: 'softmax',
  ThresholdedReLU: 'thresholdedRelu',
};

const DROPOUT_LAYERS: Record<string, DropoutKind> = {
  Dropout: 'standard',
  SnnSeededDropout: 'standard',
  SpatialDropout1D: 'standard',
  GaussianDropout: 'standard',
  SnnFeatureAlphaDropout: 'feature-alpha',
};

function configOf(layer: Layer): Record<string, unknown> {
  return layer.getConfig() as Record<string, unknown>;
}

/** `fanIn` → `fan_in`: the spelling of Keras configs, which tfjs camel-cases on reading. */
const snakeCase = (value: unknown): string =>
  String(value).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A readable name of a serialized initializer config. */
function initializerName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return null;
  const { className, config } =
    (value as { className?: string; config?: Record<string, unknown> }) ?? {};
  if (className === 'VarianceScaling' && config) {
    return `VarianceScaling(scale ${config.scale}, ${snakeCase(config.mode)}, ${snakeCase(config.distribution)})`;
  }
  if (config?.truncated === true) return `${className}(truncated)`;
  return className ?? null;
}

/** The doctor's view of one layer. */
export function anatomyOf(layer: Layer): LayerAnatomy {
  const className = layer.getClassName();
  const config = configOf(layer);
  const weighted = className === 'Dense' || /^Conv[123]D$/.test(className);
  let activation: string | null = null;
  if (weighted) activation = String(config.activation ?? 'linear');
  else if (className === 'Activation') activation = String(config.activation);
  else if (className in ACTIVATION_LAYERS) activation = ACTIVATION_LAYERS[className]!;
  let dropout: DropoutKind | null = DROPOUT_LAYERS[className] ?? null;
  if (className === 'AlphaDropout' || className === 'SnnAlphaDropout') {
    dropout = layer instanceof AlphaDropoutLayer ? 'alpha' : 'alpha-tfjs';
  }
  return {
    layer,
    name: layer.name,
    className,
    weighted,
    activation,
    initializer: weighted ? initializerName(config.kernelInitializer) : null,
    initializerConfig: weighted ? (config.kernelInitializer ?? null) : null,
    dropout,
    batchNorm: className === 'BatchNormalization',
  };
}

/** Every layer but the inputs, input to output, and the blocks they form. */
export function modelAnatomy(model: LayersModel): { layers: LayerAnatomy[]; blocks: Block[] } {
  const all = model.layers.filter((l) => l.getClassName() !== 'InputLayer').map(anatomyOf);
  const blocks: Block[] = [];
  all.forEach((entry, i) => {
    if (!entry.weighted) return;
    const next = all.findIndex((other, j) => j > i && other.weighted);
    const tail = all.slice(i + 1, next === -1 ? all.length : next);
    const own = entry.activation !== 'linear';
    const activationAt = own ? -1 : tail.findIndex((t) => t.activation !== null);
    const output = activationAt === -1 ? entry : tail[activationAt]!;
    blocks.push({
      dense: entry,
      activation: own ? entry.activation! : (output.activation ?? 'linear'),
      output,
      before: activationAt === -1 ? [] : tail.slice(0, activationAt),
      after: activationAt === -1 ? tail : tail.slice(activationAt + 1),
    });
  });
  return { layers: all, blocks };
}
