import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkTopologySize, loadKerasFile, loadModelTopology } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import { type WeightFiles, checkWeightFiles, readWeightFiles } from './weight-files';

/** A model read by {@link loadModelFile}. */
export interface LoadedModel {
  model: tfl.LayersModel;
  /** The JSON file the topology came from. */
  file: string;
  /** `file`: weights from the files the manifest lists; `initialized`: drawn by the initializers. */
  weights: 'file' | 'initialized';
}

type Json = Record<string, unknown>;
const isDict = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(file: string, what: string, fix: string): never {
  throw new SnnError(`${file}: ${what}; ${fix}`);
}

/** The JSON file of `path`: the file itself, or model.json / config.json in a folder. */
async function modelFileOf(path: string): Promise<string> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    fail(
      path,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'pass the path of a model.json or of the folder that holds it',
    );
  }
  if (!isFolder) return path;
  for (const name of ['model.json', 'config.json']) {
    const candidate = join(path, name);
    if (
      await stat(candidate).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  return fail(
    path,
    'the folder has no model.json (tfjs layers model) and no config.json (an unzipped Keras 3 .keras file)',
    'pass the model file itself',
  );
}

async function readJson(file: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    fail(
      file,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'check the path and its permissions',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(
      file,
      `not JSON (${(error as Error).message})`,
      'pass the model.json written by model.save() or tensorflowjs_converter, or Keras’ model.to_json()',
    );
  }
  if (!isDict(parsed)) fail(file, 'not a JSON object', 'pass a model.json');
  return parsed;
}

/** The Keras/tfjs topology of a parsed file, refusing graph models and unknown shapes. */
function topologyOf(file: string, json: Json): Json {
  const topology = isDict(json.modelTopology) ? json.modelTopology : undefined;
  if (json.format === 'graph-model' || Array.isArray(topology?.node)) {
    fail(
      file,
      'this is a tfjs graph model (a converted SavedModel or frozen graph), which has no layers to inspect',
      'convert the Keras model as a layers model: tensorflowjs_converter --input_format=keras model.h5 out/ (or --input_format=keras_saved_model)',
    );
  }
  if (topology !== undefined) return topology;
  if (typeof json.class_name === 'string' && isDict(json.config)) return json;
  return fail(
    file,
    `neither a tfjs layers model.json (no "modelTopology") nor Keras model JSON (no "class_name"/"config"); found keys ${Object.keys(json).slice(0, 6).join(', ')}`,
    'pass the model.json written by model.save() or tensorflowjs_converter',
  );
}

/** Sets the checked weight files' weights on `model`, checking names and shapes before reading. */
async function loadWeights(
  file: string,
  model: tfl.LayersModel,
  weights: WeightFiles,
): Promise<void> {
  const byName = new Map(weights.specs.map((s) => [s.name, s]));
  for (const weight of model.weights) {
    const layer = weight.originalName.split('/')[0];
    const spec = byName.get(weight.originalName);
    if (spec === undefined) {
      fail(
        file,
        `layer '${layer}' needs the weight ${weight.originalName} ${JSON.stringify(weight.shape)}, which the weightsManifest does not list`,
        'export the topology and its weights together (model.save or tensorflowjs_converter)',
      );
    }
    if (JSON.stringify(spec.shape) !== JSON.stringify(weight.shape)) {
      fail(
        file,
        `layer '${layer}' expects ${weight.originalName} of shape ${JSON.stringify(weight.shape)}, the weights file holds ${JSON.stringify(spec.shape)}`,
        'the weights belong to another model: export the topology and its weights together',
      );
    }
    byName.delete(weight.originalName);
  }
  if (byName.size > 0) {
    const extra = [...byName.keys()].slice(0, 3).join(', ');
    fail(
      file,
      `the weightsManifest lists weights no layer of the model has (${extra})`,
      'the weights belong to another model: export the topology and its weights together',
    );
  }
  const tensors = tf.io.decodeWeights(await readWeightFiles(file, weights), weights.specs);
  try {
    model.loadWeights(tensors, true);
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/**
 * Loads a layers model for `snn doctor`: a tfjs `model.json` (from `model.save` or the tfjs
 * converter, Keras-converted included) with its weight files, a Keras 3 `.keras` file with its
 * weights (`loadKerasFile` of @snn/snn-layers), Keras JSON (`model.to_json()`, or Keras 3's
 * `config.json`) without weights, or a folder holding one. Keras' SNN parts load right
 * (`useKerasSnn` is active while the model is built). Every failure is an `SnnError` naming the
 * file, the layer when there is one, and the fix.
 *
 * A model folder is untrusted input: its sizes are checked against the limits (`LIMITS` of
 * @snn/sweep) from the JSON before tfjs builds anything, and its weight files must be regular
 * files inside the folder whose sizes match the manifest before any is read (`checkWeightFiles`).
 *
 * @param path A model.json / config.json, or the folder that holds it.
 * @example
 * const { model, weights } = await loadModelFile('keras-export/'); // weights === 'file'
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadModelFile(path: string): Promise<LoadedModel> {
  const file = await modelFileOf(path);
  // A Keras 3 archive: its reader checks entries, sizes and shapes against the same limits.
  if (file.endsWith('.keras')) return { model: await loadKerasFile(file), file, weights: 'file' };
  const json = await readJson(file);
  const topology = topologyOf(file, json);
  // Sizes and weight files are checked from the JSON before tfjs allocates a single layer.
  checkTopologySize(file, topology);
  const weights =
    json.weightsManifest === undefined ? null : await checkWeightFiles(file, json.weightsManifest);
  const model = await loadModelTopology(topology, file);
  if (weights === null) return { model, file, weights: 'initialized' };
  try {
    await loadWeights(file, model, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, file, weights: 'file' };
}
