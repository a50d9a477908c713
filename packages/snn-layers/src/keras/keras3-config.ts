import type { serialization } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../internal/snn-error';
import { KERAS_INITIALIZER_IDENTIFIERS } from './keras-initializers';

type ConfigDict = serialization.ConfigDict;

const isDict = (value: unknown): value is ConfigDict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The dtype of a Keras 3 layer config as tfjs reads it. Keras 3 writes the layer's dtype policy as
 * a serialized `DTypePolicy` entry (`{module, class_name: "DTypePolicy", config: {name}}`), Keras 2
 * a plain string; tfjs layers compute in float32 only.
 */
function dtypeOf(layer: string, dtype: unknown): unknown {
  if (!isDict(dtype)) return dtype;
  const name = isDict(dtype.config) ? dtype.config.name : undefined;
  if (name === 'float32') return 'float32';
  throw new SnnError(
    `Keras model: layer '${layer}' has dtype policy ${JSON.stringify(name ?? dtype)}, but tfjs layers compute in float32; save the Keras model with the float32 policy (keras.config.set_dtype_policy("float32"))`,
  );
}

/**
 * A string initializer (`"he_normal"`, read as `heNormal`) that tfjs would build as its own class
 * without asking the registry, written as the class entry Keras means, which the registry maps.
 */
function initializerEntries(config: ConfigDict): void {
  for (const [key, value] of Object.entries(config)) {
    const className = typeof value === 'string' ? KERAS_INITIALIZER_IDENTIFIERS[value] : undefined;
    if (key.endsWith('Initializer') && className !== undefined) {
      config[key] = { className, config: {} };
    }
  }
}

/** One layer entry of a Keras 3 model config, rewritten into the fields tfjs-layers reads. */
function layerEntry(entry: unknown): unknown {
  if (!isDict(entry) || !isDict(entry.config)) return entry;
  const config: ConfigDict = { ...entry.config };
  const name = String(config.name ?? entry.className);
  if ('dtype' in config) config.dtype = dtypeOf(name, config.dtype) as ConfigDict[string];
  initializerEntries(config);
  if (entry.className === 'InputLayer' && config.batchShape !== undefined) {
    // Keras 3's InputLayer writes `batch_shape`; Keras 2 and tfjs use `batch_input_shape`.
    const { batchShape, ...others } = config;
    return { ...entry, config: { ...others, batchInputShape: batchShape } };
  }
  return { ...entry, config };
}

/**
 * A Sequential config (after tfjs' snake_case → camelCase pass) in the form tfjs-layers reads:
 * Keras 3 layer entries get their dtype policy resolved and `batch_shape` renamed, and a model
 * without an InputLayer whose config records `build_input_shape` gets one. In both Keras 2 and 3
 * configs, the string initializers `"he_normal"`, `"he_uniform"`, `"glorot_normal"` and
 * `"glorot_uniform"` become class entries, so they load with Keras' semantics; nothing else of a
 * Keras 2 config changes.
 */
export function sequentialConfigForTfjs(config: ConfigDict): ConfigDict {
  if (!Array.isArray(config.layers)) return config;
  const layers = config.layers.map(layerEntry) as ConfigDict[];
  const first = layers[0];
  const buildInputShape = config.buildInputShape;
  const firstHasShape =
    isDict(first?.config) &&
    (first.config.batchInputShape != null || first.config.inputShape != null);
  if (first?.className !== 'InputLayer' && !firstHasShape && Array.isArray(buildInputShape)) {
    layers.unshift({
      className: 'InputLayer',
      config: { batchInputShape: buildInputShape, dtype: 'float32', name: 'input_layer' },
    });
  }
  const { dtype: _dtype, buildInputShape: _shape, ...rest } = config;
  return { ...rest, layers };
}

/** A node coordinate `[layer, nodeIndex, tensorIndex]` of a Keras 3 `keras_history`. */
type History = [string, number, number];

/** Every `keras_history` in a Keras 3 node's `args`, in order (tensors may sit in lists). */
function histories(value: unknown, out: History[] = []): History[] {
  if (Array.isArray(value)) for (const item of value) histories(item, out);
  else if (isDict(value)) {
    const history = isDict(value.config) ? value.config.kerasHistory : undefined;
    if (Array.isArray(history)) out.push(history as History);
    else if (value.args !== undefined) histories(value.args, out);
  }
  return out;
}

/**
 * A functional config (after tfjs' camelCase pass) in the form tfjs-layers reads. Keras 3 writes an
 * inbound node as `{args: [keras tensors], kwargs}` with each tensor's `keras_history`; tfjs reads
 * Keras 2's `[[layer, node, tensor, kwargs], …]`. tfjs camel-cases the layer names inside
 * `keras_history` (`dense_1` → `dense1`), so they are mapped back through the layers' own names.
 * A single input or output written as one flat triple is wrapped in a list. String initializers
 * are rewritten as for Sequential; nothing else of a Keras 2 config changes.
 */
export function functionalConfigForTfjs(config: ConfigDict): ConfigDict {
  if (!Array.isArray(config.layers)) return config;
  const entries = config.layers as ConfigDict[];
  const byCamelName = new Map<string, string>();
  for (const entry of entries) {
    const name = String(entry.name);
    byCamelName.set(
      name.replace(/_+(\w|$)/g, (_m, c: string) => c.toUpperCase()),
      name,
    );
    byCamelName.set(name, name);
  }
  const layers = entries.map((raw) => {
    const entry = layerEntry(raw) as ConfigDict;
    const nodes = Array.isArray(entry.inboundNodes) ? entry.inboundNodes : [];
    if (!nodes.every((node) => isDict(node) && 'args' in node)) return entry;
    const inboundNodes = nodes.map((node) => {
      const kwargs = isDict((node as ConfigDict).kwargs) ? (node as ConfigDict).kwargs : {};
      return histories(node).map(([layer, nodeIndex, tensorIndex]) => [
        byCamelName.get(layer) ?? layer,
        nodeIndex,
        tensorIndex,
        kwargs,
      ]);
    });
    return { ...entry, inboundNodes } as ConfigDict;
  });
  const coordinates = (value: unknown) =>
    Array.isArray(value) && typeof value[0] === 'string' ? [value] : value;
  const { dtype: _dtype, ...rest } = config;
  return {
    ...rest,
    layers,
    inputLayers: coordinates(config.inputLayers),
    outputLayers: coordinates(config.outputLayers),
  } as ConfigDict;
}
