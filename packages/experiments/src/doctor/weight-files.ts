import { open, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { checkLimit } from '../../../../internal/limits';
import { SnnError } from '../../../../internal/snn-error';

type Json = Record<string, unknown>;
const isDict = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One weight file of a manifest, checked: inside the model's folder, a regular file. */
export interface WeightShard {
  /** The path as the manifest writes it. */
  path: string;
  /** Its real path (symbolic links resolved), inside the model's real folder. */
  real: string;
  /** Its size in bytes when checked. */
  bytes: number;
}

/** A checked `weightsManifest`: the weight specs and the files that hold them, in order. */
export interface WeightFiles {
  specs: tf.io.WeightsManifestEntry[];
  shards: WeightShard[];
  /** The bytes the specs need, by their dtypes. */
  bytes: number;
}

/** Bytes per stored value of each dtype tfjs decodes (quantized weights by their storage dtype). */
const BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

function fail(file: string, what: string, fix: string): never {
  throw new SnnError(`${file}: ${what}; ${fix}`);
}

const EXPORT_AGAIN = 'export the model again with model.save() or tensorflowjs_converter';

/** The manifest's weight specs, each with its bytes; refuses what tfjs would choke on. */
function checkSpecs(
  file: string,
  groups: Json[],
): { specs: tf.io.WeightsManifestEntry[]; bytes: number } {
  const specs: tf.io.WeightsManifestEntry[] = [];
  let bytes = 0;
  let values = 0;
  groups.forEach((group, g) => {
    if (!Array.isArray(group.weights)) {
      fail(
        file,
        `weightsManifest[${g}].weights must be a list of weights, got ${JSON.stringify(group.weights)}`,
        EXPORT_AGAIN,
      );
    }
    group.weights.forEach((spec: unknown, w: number) => {
      const at = `weightsManifest[${g}].weights[${w}]`;
      if (!isDict(spec) || typeof spec.name !== 'string') {
        fail(file, `${at} must be an object with a string "name"`, EXPORT_AGAIN);
      }
      const shape = spec.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        fail(
          file,
          `${at} (${spec.name}) must have a "shape" of sizes ≥ 0, got ${JSON.stringify(shape)}`,
          EXPORT_AGAIN,
        );
      }
      const quantization = isDict(spec.quantization) ? spec.quantization.dtype : undefined;
      const stored = String(quantization ?? spec.dtype);
      if (BYTES[stored] === undefined) {
        fail(
          file,
          `${at} (${spec.name}) has the dtype ${JSON.stringify(stored)}, which no layer weight has (float32, int32, bool, or quantized uint8, uint16, float16)`,
          EXPORT_AGAIN,
        );
      }
      const count = (shape as number[]).reduce((a, b) => a * b, 1);
      values += count;
      bytes += count * BYTES[stored]!;
      specs.push(spec as unknown as tf.io.WeightsManifestEntry);
    });
  });
  checkLimit('parameters', values, `${file}: the weights its weightsManifest lists`);
  return { specs, bytes };
}

/** Resolves one manifest path inside the model's real folder, refusing every way out of it. */
async function checkShard(
  file: string,
  folder: string,
  path: unknown,
  index: string,
): Promise<WeightShard> {
  const inside =
    'weight files must sit in the folder of the model file, named by relative paths such as group1-shard1of1.bin';
  if (typeof path !== 'string' || path === '') {
    fail(file, `${index} must be a file name, got ${JSON.stringify(path)}`, inside);
  }
  if (isAbsolute(path) || /^[a-zA-Z]:|^[\\/]/.test(path) || path.includes('\0')) {
    fail(file, `${index} ${JSON.stringify(path)} is an absolute path`, inside);
  }
  if (path.split(/[\\/]/).includes('..')) {
    fail(file, `${index} ${JSON.stringify(path)} leaves the model's folder through ..`, inside);
  }
  let real: string;
  try {
    real = await realpath(join(folder, path));
  } catch (error) {
    fail(
      file,
      `cannot read the weights file ${path} its weightsManifest lists (${(error as NodeJS.ErrnoException).code})`,
      `copy ${basename(path)} next to ${basename(file)}`,
    );
  }
  const fromFolder = relative(folder, real);
  if (fromFolder.split(/[\\/]/)[0] === '..' || isAbsolute(fromFolder)) {
    fail(
      file,
      `${index} ${JSON.stringify(path)} is a symbolic link out of the model's folder`,
      `${inside}; copy the file itself there`,
    );
  }
  const info = await stat(real);
  if (!info.isFile()) {
    fail(
      file,
      `${index} ${JSON.stringify(path)} is not a regular file (a device, pipe, socket or folder)`,
      inside,
    );
  }
  checkLimit('shardBytes', info.size, `${file}: the weights file ${path}`);
  return { path, real, bytes: info.size };
}

/**
 * Checks a model's `weightsManifest` before a byte of weights is read or a layer is built: its
 * structure (groups of string `paths` and `weights` with shapes and dtypes), that every path
 * stays inside the model file's folder (no absolute path, no `..`, no symbolic link out of it:
 * the real path is compared), that each is a regular file (not `/dev/zero` or a pipe) within
 * `SNN_MAX_SHARD_BYTES`, and that the weights stay within `SNN_MAX_PARAMETERS`. A model folder
 * is untrusted input.
 *
 * @param file The model.json; its folder is where the weight files must be.
 * @param manifest Its `weightsManifest`, as parsed.
 * @example
 * const weights = await checkWeightFiles('model/model.json', json.weightsManifest);
 * const data = await readWeightFiles('model/model.json', weights);
 */
export async function checkWeightFiles(file: string, manifest: unknown): Promise<WeightFiles> {
  if (!Array.isArray(manifest) || !manifest.every(isDict)) {
    fail(
      file,
      `"weightsManifest" must be a list of {"paths": […], "weights": […]} groups, got ${JSON.stringify(manifest).slice(0, 80)}`,
      EXPORT_AGAIN,
    );
  }
  const { specs, bytes } = checkSpecs(file, manifest);
  const folder = await realpath(dirname(file));
  const shards: WeightShard[] = [];
  for (const [g, group] of manifest.entries()) {
    if (!Array.isArray(group.paths)) {
      fail(
        file,
        `weightsManifest[${g}].paths must be a list of file names, got ${JSON.stringify(group.paths)}`,
        EXPORT_AGAIN,
      );
    }
    for (const [p, path] of group.paths.entries()) {
      shards.push(await checkShard(file, folder, path, `weightsManifest[${g}].paths[${p}]`));
    }
  }
  return { specs, shards, bytes };
}

/**
 * Reads the files {@link checkWeightFiles} accepted into one buffer: first checks that their sizes
 * add up to exactly the bytes the weights need, then refuses a file that changed (size or type)
 * since it was checked.
 *
 * @example
 * const data = await readWeightFiles(file, await checkWeightFiles(file, json.weightsManifest));
 */
export async function readWeightFiles(file: string, weights: WeightFiles): Promise<ArrayBuffer> {
  const total = weights.shards.reduce((n, s) => n + s.bytes, 0);
  if (total !== weights.bytes) {
    fail(
      file,
      `the weight files hold ${total} bytes, the weightsManifest describes ${weights.bytes}`,
      'the .bin files are truncated or from another export: export the model again',
    );
  }
  const data = new Uint8Array(total);
  let offset = 0;
  for (const shard of weights.shards) {
    const handle = await open(shard.real, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile() || info.size !== shard.bytes) {
        fail(
          file,
          `the weights file ${shard.path} changed while it was read`,
          'run the doctor again',
        );
      }
      let read = 0;
      while (read < shard.bytes) {
        const { bytesRead } = await handle.read(data, offset + read, shard.bytes - read, read);
        if (bytesRead === 0)
          fail(
            file,
            `the weights file ${shard.path} shrank while it was read`,
            'run the doctor again',
          );
        read += bytesRead;
      }
      offset += shard.bytes;
    } finally {
      await handle.close();
    }
  }
  return data.buffer;
}
