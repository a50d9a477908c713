import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFile } from './load-model-file';
import { checkWeightFiles, readWeightFiles } from './weight-files';

const example = fileURLToPath(new URL('../../examples/keras-two-mistakes/', import.meta.url));
const exampleJson = JSON.parse(readFileSync(join(example, 'model.json'), 'utf8'));
const shard = readFileSync(join(example, 'group1-shard1of1.bin'));
// 16·64 + 64 + 2·(64·64 + 64) + 64 + 1 float32 values.
const SHARD_BYTES = 9_473 * 4;

const work = mkdtempSync(join(tmpdir(), 'snn-weights-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});
const savedShardLimit = process.env.SNN_MAX_SHARD_BYTES;
afterEach(() => {
  process.env.SNN_MAX_SHARD_BYTES = savedShardLimit ?? '';
});

/** A model folder `name` whose model.json lists `paths`; `setup` adds files to the folder. */
function modelFolder(
  name: string,
  paths: unknown[],
  setup: (dir: string) => void = (dir) => writeFileSync(join(dir, 'group1-shard1of1.bin'), shard),
): string {
  const dir = join(work, name, 'model');
  mkdirSync(dir, { recursive: true });
  const json = structuredClone(exampleJson);
  json.weightsManifest[0].paths = paths;
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  setup(dir);
  return join(dir, 'model.json');
}

/** A file of exactly the weights' size outside every model folder, as an attacker would place. */
function outsideFile(name: string): string {
  const path = join(work, name);
  writeFileSync(path, Buffer.alloc(SHARD_BYTES, 7));
  return path;
}

const inside =
  'weight files must sit in the folder of the model file, named by relative paths such as group1-shard1of1.bin';

describe('checkWeightFiles: every weight path stays inside the model folder', () => {
  it('the example passes: one regular file of exactly the bytes the weights need', async () => {
    expect(shard.byteLength).toBe(SHARD_BYTES);
    const file = join(example, 'model.json');
    const weights = await checkWeightFiles(file, exampleJson.weightsManifest);
    expect(weights.bytes).toBe(SHARD_BYTES);
    expect(weights.shards.map((s) => [s.path, s.bytes])).toEqual([
      ['group1-shard1of1.bin', SHARD_BYTES],
    ]);
    expect(new Uint8Array(await readWeightFiles(file, weights))).toEqual(new Uint8Array(shard));
  });

  it('../ to a file of the right size outside: refused without opening it (no size leaked)', async () => {
    outsideFile('secret.bin');
    const file = modelFolder('dotdot', ['../../secret.bin']);
    const attempt = loadModelFile(file);
    await expect(attempt).rejects.toThrow(
      `${file}: weightsManifest[0].paths[0] "../../secret.bin" leaves the model's folder through ..; ${inside}`,
    );
    await expect(attempt).rejects.not.toThrow(String(SHARD_BYTES));
  });

  it('an absolute path (/etc/passwd) is refused', async () => {
    const file = modelFolder('absolute', ['/etc/passwd']);
    await expect(loadModelFile(file)).rejects.toThrow(
      `${file}: weightsManifest[0].paths[0] "/etc/passwd" is an absolute path; ${inside}`,
    );
  });

  it('a symbolic link out of the folder is refused by its real path; one inside is followed', async () => {
    const outside = outsideFile('elsewhere.bin');
    const out = modelFolder('link-out', ['group1-shard1of1.bin'], (dir) =>
      symlinkSync(outside, join(dir, 'group1-shard1of1.bin')),
    );
    await expect(loadModelFile(out)).rejects.toThrow(
      `${out}: weightsManifest[0].paths[0] "group1-shard1of1.bin" is a symbolic link out of the model's folder; ${inside}; copy the file itself there`,
    );
    const zero = modelFolder('dev-zero', ['weights.bin'], (dir) =>
      symlinkSync('/dev/zero', join(dir, 'weights.bin')),
    );
    await expect(loadModelFile(zero)).rejects.toThrow(
      /is a symbolic link out of the model's folder/,
    );
    const within = modelFolder('link-in', ['alias.bin'], (dir) => {
      mkdirSync(join(dir, 'real'));
      writeFileSync(join(dir, 'real', 'w.bin'), shard);
      symlinkSync(join(dir, 'real', 'w.bin'), join(dir, 'alias.bin'));
    });
    const loaded = await loadModelFile(within);
    expect(loaded.weights).toBe('file');
    loaded.model.dispose();
  });

  it('a pipe or a folder is not a regular file: refused before anything reads it', async () => {
    const fifo = modelFolder('fifo', ['group1-shard1of1.bin'], (dir) =>
      execFileSync('mkfifo', [join(dir, 'group1-shard1of1.bin')]),
    );
    // Reading a FIFO without a writer would block forever; the refusal comes from stat alone.
    await expect(loadModelFile(fifo)).rejects.toThrow(
      `${fifo}: weightsManifest[0].paths[0] "group1-shard1of1.bin" is not a regular file (a device, pipe, socket or folder); ${inside}`,
    );
    const folder = modelFolder('folder', ['group1-shard1of1.bin'], (dir) =>
      mkdirSync(join(dir, 'group1-shard1of1.bin')),
    );
    await expect(loadModelFile(folder)).rejects.toThrow(/is not a regular file/);
  });

  it('paths that are not strings get a clear error, not a type error', async () => {
    for (const [name, paths, shown] of [
      ['number', [42], '42'],
      ['null', [null], 'null'],
      ['empty', [''], '""'],
    ] as const) {
      const file = modelFolder(`not-string-${name}`, [...paths]);
      await expect(loadModelFile(file)).rejects.toThrow(
        `${file}: weightsManifest[0].paths[0] must be a file name, got ${shown}; ${inside}`,
      );
    }
    const file = modelFolder('paths-string', []);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.weightsManifest[0].paths = 'group1-shard1of1.bin';
    writeFileSync(file, JSON.stringify(json));
    await expect(loadModelFile(file)).rejects.toThrow(
      `${file}: weightsManifest[0].paths must be a list of file names, got "group1-shard1of1.bin"`,
    );
  });

  it('a file of the wrong size is refused from its stat, before it is read', async () => {
    const file = modelFolder('short', ['group1-shard1of1.bin'], (dir) =>
      writeFileSync(join(dir, 'group1-shard1of1.bin'), shard.subarray(0, 100)),
    );
    expect(statSync(join(work, 'short', 'model', 'group1-shard1of1.bin')).size).toBe(100);
    await expect(loadModelFile(file)).rejects.toThrow(
      `${file}: the weight files hold 100 bytes, the weightsManifest describes ${SHARD_BYTES}; the .bin files are truncated or from another export`,
    );
  });

  it('a weight file above SNN_MAX_SHARD_BYTES is refused with the variable that raises it', async () => {
    process.env.SNN_MAX_SHARD_BYTES = '1000';
    const file = modelFolder('big-shard', ['group1-shard1of1.bin']);
    await expect(loadModelFile(file)).rejects.toThrow(
      `${file}: the weights file group1-shard1of1.bin: ${SHARD_BYTES.toLocaleString('en-US')} bytes in one weight file, more than the limit of 1,000; if this is intended, raise the limit: SNN_MAX_SHARD_BYTES=${SHARD_BYTES}`,
    );
  });

  it('a manifest that is not a list, or weights without a shape, are named', async () => {
    const file = join(example, 'model.json');
    await expect(checkWeightFiles(file, { paths: [] })).rejects.toThrow(
      `${file}: "weightsManifest" must be a list of {"paths": […], "weights": […]} groups, got {"paths":[]}`,
    );
    await expect(
      checkWeightFiles(file, [
        { paths: [], weights: [{ name: 'w', shape: [-1], dtype: 'float32' }] },
      ]),
    ).rejects.toThrow(
      'weightsManifest[0].weights[0] (w) must have a "shape" of sizes ≥ 0, got [-1]',
    );
    await expect(
      checkWeightFiles(file, [
        { paths: [], weights: [{ name: 'w', shape: [2], dtype: 'string' }] },
      ]),
    ).rejects.toThrow(
      'weightsManifest[0].weights[0] (w) has the dtype "string", which no layer weight has',
    );
  });
});
