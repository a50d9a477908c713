import type { LayersModel } from '@tensorflow/tfjs-layers';
import { writeKerasArchive } from './keras-archive';
import { kerasFileConfig, kerasModelLayers } from './keras-file-config';
import { writeKerasWeights } from './keras-h5-weights';
import { kerasLayerPaths } from './keras-layer-paths';
import { type PyDict, toKerasJson } from './to-keras-json';

/** The Keras version whose `.keras` layout {@link toKerasFile} follows (its metadata.json). */
export const KERAS_FILE_VERSION = '3.16.0';

/** Options of {@link toKerasFile}. */
export interface ToKerasFileOptions {
  /**
   * The time recorded in metadata.json, the zip entries and the HDF5 weights file's object headers,
   * so that one model and one date give the same bytes. Default: now.
   */
  date?: Date;
}

/** Keras' `date_saved`: `%Y-%m-%d@%H:%M:%S` in local time. */
function dateSaved(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}@${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * Writes a tfjs layers model as a Keras 3 `.keras` file, which `keras.saving.load_model` reads:
 * a zip (no compression) of metadata.json (`{keras_version, date_saved}`), config.json (the
 * model as {@link toKerasJson} maps it — SELU → `Activation("selu")`, alpha dropout →
 * `AlphaDropout`, @snn/init's initializers → the Keras initializer of the same distribution —
 * in Keras 3's model entry, with an explicit InputLayer) and model.weights.h5, written with
 * h5wasm in Keras 3's layout: each layer's weights as float32 datasets `layers/<snake_case
 * class>/vars/0…` (`layers/dense`, `layers/dense_1`, …), in the order Keras creates them.
 *
 * Layers without a Keras counterpart (LayerNorm, WeightNormDense, Highway, ResidualBlock, SELU
 * with other α, λ) throw an `SnnError` naming the layer, as in `toKerasJson`. The weights are
 * written as they are, bit for bit; `loadKerasFile` reads them back.
 *
 * @param model A Sequential or functional layers model.
 * @param options `date`: the time stamp (default now).
 * @returns The `.keras` file's bytes.
 * @example
 * const model = buildFnn({ architecture: 'snn', inputDim: 12, outputDim: 3, depth: 4, width: 32, seed: 1 });
 * fs.writeFileSync('snn.keras', await toKerasFile(model)); // keras.saving.load_model('snn.keras')
 * @see https://arxiv.org/abs/1706.02515
 */
export async function toKerasFile(
  model: LayersModel,
  options: ToKerasFileOptions = {},
): Promise<Uint8Array> {
  const date = options.date ?? new Date();
  const config = kerasFileConfig(toKerasJson(model));
  const paths = kerasLayerPaths(String(config.class_name), kerasModelLayers('model', config));
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const layers = paths.map((layer) => {
    const tfjsLayer = byName.get(layer.name);
    const variables = (tfjsLayer?.weights ?? []).map((w) => ({
      shape: w.shape as number[],
      values: w.read().dataSync() as Float32Array,
    }));
    return { layer, variables };
  });
  const weights = await writeKerasWeights(String((config.config as PyDict).name), layers, date);
  const metadata = { keras_version: KERAS_FILE_VERSION, date_saved: dateSaved(date) };
  return writeKerasArchive({ metadata, config, weights }, date);
}
