import * as tf from '@tensorflow/tfjs-core';
import { type LayersModel, models } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import { checkTopologySize } from './topology-size';
import { useKerasSnn } from './use-keras-snn';

type Json = Record<string, unknown>;
const isDict = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The layer entries of a topology (Keras 2 / tfjs `model_config`, or a bare Keras 3 config). */
function layerEntries(topology: Json): Json[] {
  const model = isDict(topology.model_config) ? topology.model_config : topology;
  const config = model.config;
  return isDict(config) && Array.isArray(config.layers) ? (config.layers as Json[]) : [];
}

/**
 * Refuses a class tfjs does not know (a layer's, or its initializer's, regularizer's or
 * constraint's) before anything is built. Called while `useKerasSnn` is active, so Keras's
 * initializer classes count as known.
 */
function checkClassesKnown(source: string, topology: Json): void {
  const known = tf.serialization.SerializationMap.getMap().classNameMap;
  for (const layer of layerEntries(topology)) {
    const config = isDict(layer.config) ? layer.config : {};
    const name = String(config.name ?? layer.name);
    const nested = Object.entries(config).filter(
      ([key, value]) => /_(initializer|regularizer|constraint)$/.test(key) && isDict(value),
    );
    for (const [kind, entry] of [['layer', layer], ...nested] as [string, Json][]) {
      const className = String(entry.class_name);
      if (className in known) continue;
      const what = kind === 'layer' ? 'layer class' : `${kind.replace(/_/g, ' ')} class`;
      throw new SnnError(
        `${source}: layer '${name}' uses the ${what} '${className}', which neither tfjs nor the @snn packages know; register it with tf.serialization.registerClass before loading, or rebuild the layer from built-in ones (Dense, Activation, AlphaDropout, …)`,
      );
    }
  }
}

/**
 * Builds a tfjs layers model from an untrusted topology — a tfjs `model.json`'s `modelTopology`,
 * Keras 2 `to_json()`, or a Keras 3 `config.json` — without weights (they are drawn by the
 * initializers; set trained ones afterwards). Before anything is built it checks the topology's
 * layers, widths, input features and weights against the limits ({@link checkTopologySize}) and
 * refuses a class tfjs does not know; it reads Keras's meaning of SELU, alpha dropout and the
 * variance-scaling initializers (`useKerasSnn`, active only during the call); and when tfjs fails
 * part way (an unknown activation in the fifth layer after four were built) it disposes the
 * variables of the layers it had built, so a refused model leaves no tensor behind. tfjs mutates
 * the configs it reads: this reads a copy.
 *
 * @param topology The parsed JSON.
 * @param source How errors name the topology (a file name).
 * @returns The model; the caller owns it (`model.dispose()`).
 * @throws LimitError for a topology over a limit (`<source>: layer 'x' \`units\`: 30,000,000 units in
 *   one layer, more than the limit of 65,536; … SNN_MAX_WIDTH=…`).
 * @throws SnnError `<source>: layer 'x' uses the layer class 'Y', which neither tfjs nor …`, or
 *   `<source>: tfjs cannot build the model (<tfjs's first line>); …`.
 * @example
 * const json = JSON.parse(readFileSync('model.json', 'utf8'));
 * const model = await loadModelTopology(json.modelTopology, 'model.json');
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadModelTopology(topology: object, source: string): Promise<LayersModel> {
  checkTopologySize(source, topology as Json);
  const restore = useKerasSnn();
  try {
    checkClassesKnown(source, topology as Json);
    // tfjs builds every layer inside this call's synchronous part (before its first await), so
    // the variables registered between these two synchronous points are this build's alone —
    // even with other loads in flight, which run only once this function awaits.
    const before = new Set(Object.keys(tf.engine().state.registeredVariables));
    const pending = models.modelFromJSON(structuredClone(topology) as never);
    const built = Object.entries(tf.engine().state.registeredVariables)
      .filter(([name]) => !before.has(name))
      .map(([, variable]) => variable);
    try {
      return await pending;
    } catch (error) {
      for (const variable of built) variable.dispose();
      // Our layers' own refusals (an @snn layer's bad setting) already say what to fix.
      if (error instanceof SnnError) throw error;
      throw new SnnError(
        `${source}: tfjs cannot build the model (${(error as Error).message.split('\n')[0]}); check that it is a Sequential or functional model of layers tfjs has (Dense, Activation, AlphaDropout, BatchNormalization, …) with valid settings`,
        { cause: error },
      );
    }
  } finally {
    restore();
  }
}
