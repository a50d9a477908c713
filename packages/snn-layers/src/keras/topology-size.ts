import { checkLimit } from '../../../../internal/limits';
import { residualBlockWidths } from '../residual-block';

type Json = Record<string, unknown>;
/** A tensor shape without its batch dimension; `null` where a size is open or unknown. */
type Shape = (number | null)[];

const isDict = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What {@link topologySize} counted. */
export interface TopologySize {
  /** Layer entries, those of nested models included. */
  layers: number;
  /** Weight values the layers will allocate (a lower bound where a shape cannot be followed). */
  parameters: number;
  /** Values per input row of the model's first input, or null when open. */
  inputFeatures: number | null;
}

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' ? value : fallback;

/** A config value given as `3` or `[3, 3]`, as `rank` numbers. */
function perAxis(value: unknown, rank: number, fallback: number): number[] {
  if (Array.isArray(value)) return value.map((v) => numberOr(v, fallback));
  return Array.from({ length: rank }, () => numberOr(value, fallback));
}

const product = (values: readonly (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a * b, 1);

/** The shape a layer's config announces for its input (`batch_input_shape`, Keras 3 `batch_shape`, `input_dim`). */
function declaredInput(config: Json): Shape | null {
  for (const key of ['batch_input_shape', 'batchInputShape', 'batch_shape']) {
    const value = config[key];
    if (Array.isArray(value)) return value.slice(1).map((d) => (typeof d === 'number' ? d : null));
  }
  for (const key of ['input_dim', 'inputDim']) {
    if (typeof config[key] === 'number') return [config[key] as number];
  }
  return null;
}

/** Names of the layers feeding a layer: Keras 2/tfjs `[[["dense", 0, 0, {}]]]` or Keras 3 `keras_history`. */
function inboundNames(entry: Json): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (typeof value[0] === 'string' && typeof value[1] === 'number') names.push(value[0]);
      else for (const item of value) visit(item);
    } else if (isDict(value)) {
      if (Array.isArray(value.keras_history) && typeof value.keras_history[0] === 'string') {
        names.push(value.keras_history[0]);
      } else for (const item of Object.values(value)) visit(item);
    }
  };
  visit(entry.inbound_nodes);
  return names;
}

/** Spatial output size of a convolution or pooling window along one axis. */
function windowed(
  size: number | null,
  window: number,
  stride: number,
  padding: unknown,
): number | null {
  if (size === null || stride < 1) return size;
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/** The weights a layer allocates and its output shape, from its class, config and input shape. */
function layerSize(
  className: string,
  config: Json,
  input: Shape,
): { params: number; output: Shape } {
  const last = input.at(-1) ?? null;
  const fanIn = last ?? 0;
  const lead = input.slice(0, -1);
  const units = numberOr(config.units, Number.NaN);
  switch (className) {
    case 'Dense':
    case 'SnnWeightNormDense':
      // Kernel, bias, and weight normalization's gain vector.
      return {
        params: fanIn * units + units * (className === 'Dense' ? 1 : 2),
        output: [...lead, units],
      };
    case 'SnnHighway': {
      // Transform and gate kernels with biases, and a carry projection when the width changes.
      const width = typeof config.units === 'number' ? units : fanIn;
      const carry = width === fanIn ? 0 : fanIn * width;
      return { params: 2 * (fanIn * width + width) + carry, output: [...lead, width] };
    }
    case 'SnnResidualBlock': {
      const [squeeze, middle] = residualBlockWidths(
        units,
        numberOr(config.bottleneck, 0.5),
        (config.block_shape ?? config.blockShape) === 'diavolo' ? 'diavolo' : 'rectangular',
      );
      const shortcut = fanIn === units ? 0 : fanIn * units;
      const branch = fanIn * squeeze + squeeze + squeeze * middle + middle + middle * units + units;
      return { params: branch + shortcut, output: [...lead, units] };
    }
    case 'Embedding': {
      const out = numberOr(config.output_dim ?? config.outputDim, Number.NaN);
      const vocabulary = numberOr(config.input_dim ?? config.inputDim, Number.NaN);
      return { params: vocabulary * out, output: [...input, out] };
    }
    case 'BatchNormalization':
      return { params: 4 * fanIn, output: input };
    case 'LayerNormalization':
    case 'SnnLayerNorm':
      return { params: 2 * fanIn, output: input };
    case 'Flatten':
      return { params: 0, output: [product(input)] };
    case 'Reshape': {
      const target = config.target_shape ?? config.targetShape;
      if (!Array.isArray(target)) return { params: 0, output: input };
      const known = product(target.filter((d) => d !== -1));
      const total = product(input);
      const fill = (d: unknown) =>
        d === -1 ? (known && total !== null ? total / known : null) : numberOr(d, Number.NaN);
      return { params: 0, output: target.map(fill) };
    }
  }
  const conv = /^Conv([123])D$/.exec(className);
  const pool = /^(Max|Average)Pooling([123])D$/.exec(className);
  if (conv !== null || pool !== null) {
    const rank = Number((conv ?? pool)![conv === null ? 2 : 1]);
    const window = perAxis(conv ? config.kernel_size : (config.pool_size ?? 2), rank, 1);
    const strides = perAxis(config.strides ?? (conv ? 1 : window), rank, 1);
    const spatial = input
      .slice(0, rank)
      .map((d, i) => windowed(d, window[i]!, strides[i]!, config.padding));
    if (pool !== null) return { params: 0, output: [...spatial, last] };
    const filters = numberOr(config.filters, Number.NaN);
    return {
      params: window.reduce((a, b) => a * b, 1) * fanIn * filters + filters,
      output: [...spatial, filters],
    };
  }
  if (/^Global(Max|Average)Pooling[123]D$/.test(className)) return { params: 0, output: [last] };
  return { params: 0, output: input };
}

/**
 * Counts the layers and weights a Keras/tfjs topology asks for, from its JSON alone, so that a
 * model file from anyone can be refused before tfjs allocates it: `modelFromJSON` builds every
 * layer (and draws its initial weights) at once, so `units: 3e7` costs gigabytes and 20,000
 * layers minutes before any check could run.
 *
 * Shapes are followed through Dense, convolutions, pooling, Flatten, Reshape, Embedding, the
 * normalization layers and the layers of this package; other layers pass their input shape on. Where a shape
 * is open, the count is a lower bound (a Dense layer then counts its biases).
 *
 * @param topology A `modelTopology` (Keras 2/tfjs) or a Keras 3 `config.json`.
 * @example
 * topologySize(JSON.parse(text).modelTopology).parameters; // 9,473 for 16 → 64 → 64 → 64 → 1
 */
export function topologySize(topology: Record<string, unknown>): TopologySize {
  const size: TopologySize = { layers: 0, parameters: 0, inputFeatures: null };
  const shapes = new Map<string, Shape>();
  let first = true;
  const walk = (model: Json, input: Shape): Shape => {
    const config = isDict(model.model_config) ? model.model_config.config : model.config;
    const layers = isDict(config) && Array.isArray(config.layers) ? config.layers : [];
    let previous = input;
    for (const entry of layers) {
      if (!isDict(entry)) continue;
      size.layers++;
      const layerConfig = isDict(entry.config) ? entry.config : {};
      const inbound = inboundNames(entry)
        .map((n) => shapes.get(n))
        .filter((s) => s !== undefined);
      let shape = declaredInput(layerConfig) ?? inbound[0] ?? previous;
      if (first && declaredInput(layerConfig) !== null) {
        size.inputFeatures = product(shape);
        first = false;
      }
      if (entry.class_name === 'Concatenate' && inbound.length > 1) {
        const sum = inbound.reduce<number | null>((n, s) => {
          const d = s.at(-1) ?? null;
          return n === null || d === null ? null : n + d;
        }, 0);
        shape = [...inbound[0]!.slice(0, -1), sum];
      }
      if (Array.isArray(layerConfig.layers)) {
        previous = walk(entry, shape);
      } else {
        const { params, output } = layerSize(String(entry.class_name), layerConfig, shape);
        size.parameters += params;
        previous = output;
      }
      shapes.set(String(layerConfig.name ?? entry.name), previous);
    }
    return previous;
  };
  walk(topology, []);
  return size;
}

/**
 * Refuses a topology larger than the limits (`SNN_MAX_*`, see the README's Security section) before anything is built:
 * too many layers, a layer wider than `SNN_MAX_WIDTH`, more weights than `SNN_MAX_PARAMETERS`, or
 * more input features than `SNN_MAX_COLUMNS` (the doctor draws its inputs at that size).
 *
 * @param file The model file, named in messages.
 * @param topology Its topology, as {@link topologySize} reads it.
 * @example
 * checkTopologySize('model.json', json.modelTopology); // throws LimitError for units: 3e7
 */
export function checkTopologySize(file: string, topology: Record<string, unknown>): TopologySize {
  // Layer count and widths first, without recursion: a file may nest models thousands deep.
  const pending: Json[] = [topology];
  let layers = 0;
  while (pending.length > 0) {
    const model = pending.pop()!;
    const config = isDict(model.model_config) ? model.model_config.config : model.config;
    const entries = isDict(config) && Array.isArray(config.layers) ? config.layers : [];
    layers += entries.length;
    checkLimit('layers', layers, `${file}: the topology`);
    for (const entry of entries) {
      if (!isDict(entry) || !isDict(entry.config)) continue;
      const name = String(entry.config.name ?? entry.name);
      for (const key of ['units', 'filters', 'output_dim', 'outputDim']) {
        const value = entry.config[key];
        if (value === undefined || value === null) continue;
        checkLimit('width', Number(value), `${file}: layer '${name}' \`${key}\``);
      }
      if (Array.isArray(entry.config.layers)) pending.push(entry);
    }
  }
  const size = topologySize(topology);
  if (size.inputFeatures !== null) {
    checkLimit('columns', size.inputFeatures, `${file}: the model's input features`);
  }
  checkLimit('parameters', size.parameters, `${file}: the topology's weights`);
  return size;
}
