import { SnnError } from '../../../../internal/snn-error';
import type { KerasVariable } from './keras-h5-weights';
import type { KerasLayerEntry } from './keras-layer-paths';
import type { KerasModelJson, PyDict } from './to-keras-json';

const isDict = (value: unknown): value is PyDict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The model classes a `.keras` file may hold here. */
const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** The layer entries of a `.keras` config.json, checked to be a Sequential or functional model. */
export function kerasModelLayers(file: string, config: PyDict): KerasLayerEntry[] {
  const className = String(config.class_name);
  const inner = isDict(config.config) ? config.config : {};
  if (!MODEL_CLASSES.has(className) || !Array.isArray(inner.layers)) {
    throw new SnnError(
      `${file}: config.json holds a ${className} without a list of layers, expected a Sequential or functional model; subclassed Keras models keep their code in Python: rebuild the model with keras.Sequential or the functional API and save it again`,
    );
  }
  return inner.layers as KerasLayerEntry[];
}

/**
 * Checks a `.keras` config.json for what this reader does not follow, before tfjs builds anything
 * from it: a layer that is itself a model (nested models are not read). When `weights` are given,
 * a layer with `units` must hold a kernel with that many columns, so that what tfjs allocates is
 * what the weights file holds. The size limits are checked by `checkTopologySize`.
 *
 * @param file The archive's name, for errors.
 * @param layers The config's layer entries.
 * @param weights Each layer's variables, by layer name.
 */
export function checkKerasConfig(
  file: string,
  layers: readonly KerasLayerEntry[],
  weights?: ReadonlyMap<string, KerasVariable[]>,
): void {
  for (const entry of layers) {
    const config = isDict(entry.config) ? entry.config : {};
    const name = String(config.name ?? entry.name);
    const where = `${file} config.json layer '${name}'`;
    if (MODEL_CLASSES.has(String(entry.class_name))) {
      throw new SnnError(
        `${where}: a nested ${String(entry.class_name)} model, which this reader does not follow; build the model from layers only (a Sequential inside a model can be replaced by its layers) and save it again`,
      );
    }
    const kernel = weights?.get(name)?.[0];
    if (
      typeof config.units === 'number' &&
      kernel !== undefined &&
      kernel.shape.at(-1) !== config.units
    ) {
      throw new SnnError(
        `${where}: the config says ${config.units} units, but its kernel ${kernel.path} in model.weights.h5 has shape ${JSON.stringify(kernel.shape)}; the config and the weights belong to different models: save the model again with model.save("model.keras")`,
      );
    }
  }
}

/** The Keras 3 InputLayer config for `batch_shape`: `InputLayer.get_config` of Keras 3. */
function inputLayer(name: string, batchShape: unknown, dtype: unknown): PyDict {
  return {
    module: 'keras.layers',
    class_name: 'InputLayer',
    config: { batch_shape: batchShape, dtype, sparse: false, ragged: false, name, optional: false },
    registered_name: null,
  };
}

/** A unique name for an added InputLayer: `input_layer`, else `input_layer_1`, …. */
function freeName(taken: ReadonlySet<string>): string {
  let name = 'input_layer';
  for (let i = 1; taken.has(name); i++) name = `input_layer_${i}`;
  return name;
}

/**
 * The config.json of a `.keras` file for a model that {@link toKerasJson} wrote: the model entry
 * as Keras 3's `serialize_keras_object` writes it (`module`, `registered_name`, `build_config`),
 * InputLayers with Keras 3's `batch_shape`, and a Sequential model's input shape as an explicit
 * InputLayer, since Keras 3's layers take no `batch_input_shape` argument. Layer and initializer
 * entries stay as `toKerasJson` writes them; Keras 3 reads their Keras 2 form (string dtypes,
 * functional inbound nodes as `[layer, node, tensor, kwargs]` lists).
 *
 * @param json `toKerasJson(model)`.
 * @returns The parsed config.json.
 */
export function kerasFileConfig(json: KerasModelJson): PyDict {
  const config = json.config;
  const layers = (config.layers as PyDict[]).map((layer): PyDict => {
    const inner = { ...(layer.config as PyDict) };
    if (layer.class_name !== 'InputLayer') return { ...layer, config: inner };
    const { batch_input_shape, ...rest } = inner;
    return { ...layer, config: { batch_shape: batch_input_shape, ...rest, optional: false } };
  });
  if (json.class_name === 'Sequential') {
    const first = layers[0]!;
    let inputShape = (first.config as PyDict).batch_shape;
    if (first.class_name !== 'InputLayer') {
      const { batch_input_shape, ...rest } = first.config as PyDict;
      const names = new Set(layers.map((l) => String((l.config as PyDict).name)));
      layers[0] = { ...first, config: rest };
      layers.unshift(inputLayer(freeName(names), batch_input_shape, rest.dtype ?? 'float32'));
      inputShape = batch_input_shape;
    }
    return {
      module: 'keras',
      class_name: 'Sequential',
      config: {
        name: config.name,
        trainable: true,
        dtype: 'float32',
        layers,
        build_input_shape: inputShape,
      },
      registered_name: null,
      build_config: { input_shape: inputShape },
    };
  }
  const inputs = layers.filter((l) => l.class_name === 'InputLayer');
  const shapes = inputs.map((l) => (l.config as PyDict).batch_shape);
  return {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: { ...config, trainable: true, layers },
    registered_name: 'Functional',
    build_config: { input_shape: shapes.length === 1 ? shapes[0] : shapes },
  };
}
