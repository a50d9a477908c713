import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { checkLimit } from '../../../../internal/limits';
import { SnnError } from '../../../../internal/snn-error';
import { readKerasArchive } from './keras-archive';
import { checkKerasConfig, kerasModelLayers } from './keras-file-config';
import { type KerasVariable, readKerasWeights } from './keras-h5-weights';
import { kerasLayerPaths } from './keras-layer-paths';
import { loadModelTopology } from './load-model-topology';
import { checkTopologySize } from './topology-size';

/** The bytes of `source`, a path read after its size is checked, or the bytes themselves. */
async function archiveBytes(source: Uint8Array | string): Promise<[Uint8Array, string]> {
  if (typeof source !== 'string') {
    if (!(source instanceof Uint8Array)) {
      throw new SnnError(
        `loadKerasFile: \`source\` must be the path of a .keras file or its bytes (a Uint8Array), got ${Object.prototype.toString.call(source)}; pass fs.readFileSync(path) or the path`,
      );
    }
    return [source, 'the .keras file'];
  }
  const { readFile, stat } = await import('node:fs/promises');
  let size: number;
  try {
    size = (await stat(source)).size;
  } catch (error) {
    throw new SnnError(
      `${source}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass the path of a .keras file written by Keras 3 model.save or by toKerasFile`,
      { cause: error },
    );
  }
  checkLimit('shardBytes', size, source);
  return [new Uint8Array(await readFile(source)), source];
}

/** Puts each layer's variables into the tfjs layer of the same name, checking count and shapes. */
function setWeights(
  file: string,
  model: LayersModel,
  weights: ReadonlyMap<string, KerasVariable[]>,
): void {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  for (const [name, variables] of weights) {
    const layer = byName.get(name);
    if (layer === undefined) {
      throw new SnnError(
        `${file}: config.json names a layer '${name}' that the built model lacks; save the model again with model.save("model.keras")`,
      );
    }
    const expected = layer.weights.map((w) => w.shape);
    const found = variables.map((v) => v.shape);
    if (JSON.stringify(expected) !== JSON.stringify(found)) {
      throw new SnnError(
        `${file}: layer '${name}' (${layer.getClassName()}) needs weights of shapes ${JSON.stringify(expected)}, model.weights.h5 holds ${JSON.stringify(found)}${variables[0] === undefined ? '' : ` under ${variables[0].path.replace(/\/0$/, '')}`}; the config and the weights belong to different models: save the model again with model.save("model.keras")`,
      );
    }
    if (variables.length === 0) continue;
    const tensors = variables.map((v) => tf.tensor(v.values, v.shape, 'float32'));
    try {
      layer.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
  }
}

/**
 * Reads a Keras 3 `.keras` file into a tfjs layers model with its trained weights: the archive's
 * config.json is built as `useKerasSnn` reads Keras configs (SELU, alpha dropout and the
 * variance-scaling initializers as Keras means them), and each layer's variables come from
 * model.weights.h5 (`layers/<snake_case class>/vars/0…`, Keras 3's layout) through h5wasm, which
 * is loaded on first use.
 *
 * The file is untrusted: entry names are checked, the archive and each member against
 * `SNN_MAX_SHARD_BYTES`, the config against the layer, width, column and parameter limits
 * (`checkTopologySize`) before tfjs builds anything, the weights' total against
 * `SNN_MAX_PARAMETERS` before they are read, links inside the HDF5 file are refused, and every
 * layer's weight shapes must match its config.
 * Sequential and functional models of built-in layers are read; subclassed and nested models are
 * not. Optimizer state is ignored.
 *
 * @param source The path of a `.keras` file (Node) or its bytes.
 * @returns The model; the caller owns it (`model.dispose()`).
 * @throws SnnError naming the file, what was expected, what was found and the fix.
 * @example
 * const model = await loadKerasFile('snn.keras');
 * const y = model.predict(tf.randomNormal([4, 12])) as tf.Tensor;
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadKerasFile(source: Uint8Array | string): Promise<LayersModel> {
  const [bytes, file] = await archiveBytes(source);
  const archive = readKerasArchive(bytes, file);
  const layers = kerasModelLayers(file, archive.config);
  // Sizes before the weights are read; loadModelTopology checks them again before building.
  checkTopologySize(file, archive.config);
  checkKerasConfig(file, layers);
  const paths = kerasLayerPaths(String(archive.config.class_name), layers);
  const weights = await readKerasWeights(archive.weights, file, paths);
  checkKerasConfig(file, layers, weights);
  const model = await loadModelTopology(archive.config, file);
  try {
    setWeights(file, model, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
