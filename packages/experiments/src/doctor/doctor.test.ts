// The Keras-style example (examples/keras-two-mistakes) and the Keras 3 fixture of @snn/snn-layers
// are written by /usr/bin/python3 packages/snn-layers/scripts/make-keras-fixtures.py.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFnn } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModelFolder } from '../common/save-model-folder';
import { loadModelFile } from './load-model-file';
import { readDoctorData } from './read-doctor-data';
import { runDoctor } from './run-doctor';

const example = fileURLToPath(new URL('../../examples/keras-two-mistakes/', import.meta.url));
const keras3 = fileURLToPath(
  new URL('../../../snn-layers/src/fixtures/keras3-snn-config.json', import.meta.url),
);
const work = mkdtempSync(join(tmpdir(), 'snn-doctor-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A copy of the example folder whose model.json is changed by `edit`. */
function exampleWith(name: string, edit: (json: Record<string, any>) => void): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const json = JSON.parse(readFileSync(join(example, 'model.json'), 'utf8'));
  edit(json);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(
    join(dir, 'group1-shard1of1.bin'),
    readFileSync(join(example, 'group1-shard1of1.bin')),
  );
  return dir;
}

/** Writes `text` to `name` in the work folder and returns its path. */
function file(name: string, text: string): string {
  writeFileSync(join(work, name), text);
  return join(work, name);
}

function folder(name: string): string {
  mkdirSync(join(work, name), { recursive: true });
  return join(work, name);
}

const codes = (r: Awaited<ReturnType<typeof runDoctor>>) => r.diagnosis.findings.map((f) => f.code);

describe('runDoctor', () => {
  it('finds both mistakes of the Keras example (He weights, plain Dropout) in its real weights', async () => {
    const before = tf.memory().numTensors;
    const r = await runDoctor({ model: example, backend: 'cpu' });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.weights).toBe('file');
    expect(r.diagnosis.ok).toBe(false);
    expect(codes(r).sort()).toEqual([
      'kernel-variance',
      'kernel-variance',
      'kernel-variance',
      'leaves-domain',
      'plain-dropout',
      'plain-dropout',
      'plain-dropout',
    ]);
    for (const f of r.diagnosis.findings.filter((x) => x.code === 'kernel-variance')) {
      expect(f.message).toContain('He/MSRA');
    }
  });

  it('passes a saved buildFnn SNN and the Keras 3 SNN config (weights drawn by its initializers)', async () => {
    const model = buildFnn({
      architecture: 'snn',
      inputDim: 20,
      outputDim: 2,
      depth: 6,
      width: 128,
      dropoutRate: 0.05,
      seed: 2,
    });
    const saved = await saveModelFolder(model, join(work, 'clean'));
    model.dispose();
    const clean = await runDoctor({ model: saved, backend: 'cpu' });
    expect(clean.diagnosis.findings).toEqual([]);
    const k3 = await runDoctor({ model: keras3, backend: 'cpu' });
    expect(k3.weights).toBe('initialized');
    expect(k3.diagnosis.findings).toEqual([]);
    expect(k3.diagnosis.layers.find((l) => l.name === 'alpha_dropout')!.dropout).toBe('alpha');
  });

  it('reads a Keras 3 .keras file with its weights', async () => {
    const file = fileURLToPath(
      new URL('../../../snn-layers/src/fixtures/keras3-snn.keras', import.meta.url),
    );
    const result = await runDoctor({ model: file, backend: 'cpu' });
    expect(result.file).toBe(file);
    expect(result.weights).toBe('file');
    expect(result.diagnosis.layers.some((l) => l.dropout === 'alpha')).toBe(true);
  });

  it('uses --data as given: an unstandardized CSV (with a label column) is flagged', async () => {
    const rows = ['f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13,f14,f15,f16,label'];
    for (let r = 0; r < 200; r++) {
      rows.push(
        [
          ...Array.from({ length: 16 }, (_, f) => (5 + ((r * 7 + f * 3) % 11)).toString()),
          '1',
        ].join(','),
      );
    }
    const csv = join(work, 'raw.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const r = await runDoctor({ model: example, data: csv, backend: 'cpu' });
    expect(r.data).toBe(
      'CSV, 200 rows × 16 features, header skipped, last column ignored as labels',
    );
    const finding = r.diagnosis.findings.find((f) => f.code === 'unstandardized-inputs');
    expect(finding?.message).toMatch(/^16 of 16 input features are not standardized/);
  });

  it('refuses more --samples than SNN_MAX_ROWS before drawing them', async () => {
    await expect(runDoctor({ model: example, samples: 1e9, backend: 'cpu' })).rejects.toThrow(
      'snn doctor --samples: 1,000,000,000 rows in one data set, more than the limit of 10,000,000; if this is intended, raise the limit: SNN_MAX_ROWS=1000000000',
    );
  });

  it('reads IDX images as raw bytes', async () => {
    const idx = new Uint8Array(16 + 3 * 16);
    new DataView(idx.buffer).setUint32(0, 0x00000803);
    new DataView(idx.buffer).setUint32(4, 3);
    new DataView(idx.buffer).setUint32(8, 4);
    new DataView(idx.buffer).setUint32(12, 4);
    idx.set([0, 255, 128], 16);
    const images = join(work, 'images-idx3-ubyte');
    writeFileSync(images, idx);
    const { x, description } = await readDoctorData(images, 16);
    expect(description).toBe('IDX images, 3 rows × 16 pixel values (bytes 0–255, as stored)');
    expect(Array.from(x.dataSync().subarray(0, 3))).toEqual([0, 255, 128]);
    x.dispose();
    await expect(readDoctorData(images, 10)).rejects.toThrow(
      /4 × 4 = 16 values, the model expects 10 features/,
    );
  });
});

describe('bad input: one error naming the file, the layer and the fix', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      'a missing file',
      () => join(work, 'nope.json'),
      /nope\.json: cannot read it \(ENOENT\); pass the path/,
    ],
    [
      'a folder without a model',
      () => folder('empty'),
      /empty: the folder has no model\.json .* pass the model file itself/,
    ],
    [
      'a file that is not JSON',
      () => file('bad.json', '{"format": '),
      /bad\.json: not JSON \(.*\); pass the model\.json/,
    ],
    [
      'a graph model',
      () =>
        file('graph.json', JSON.stringify({ format: 'graph-model', modelTopology: { node: [] } })),
      /graph\.json: this is a tfjs graph model .*--input_format=keras/,
    ],
    [
      'an unknown layer class',
      () =>
        exampleWith('unknown', (j) => {
          j.modelTopology.model_config.config.layers[2].class_name = 'FancyDropout';
        }),
      /unknown\/model\.json: layer 'dropout' uses the layer class 'FancyDropout', which neither tfjs nor the @snn packages know; register it/,
    ],
    [
      'a layer tfjs cannot build after it built three (its variables are disposed)',
      () =>
        exampleWith('fancy', (j) => {
          j.modelTopology.model_config.config.layers[7].config.activation = 'fancy';
        }),
      /fancy\/model\.json: tfjs cannot build the model \(.*fancy.*\); check that it is a Sequential or functional model/,
    ],
    [
      'weights of another shape',
      () =>
        exampleWith('shape', (j) => {
          j.weightsManifest[0].weights[2].shape = [64, 32];
        }),
      /shape\/model\.json: layer 'dense_1' expects dense_1\/kernel of shape \[64,64\], the weights file holds \[64,32\]; the weights belong to another model/,
    ],
    [
      'a missing weight',
      () =>
        exampleWith('missing', (j) => {
          j.weightsManifest[0].weights.splice(3, 1);
        }),
      /missing\/model\.json: layer 'dense_1' needs the weight dense_1\/bias \[64\], which the weightsManifest does not list/,
    ],
    [
      'a missing weights file',
      () =>
        exampleWith('nobin', (j) => {
          j.weightsManifest[0].paths = ['other.bin'];
        }),
      /nobin\/model\.json: cannot read the weights file other\.bin .*; copy other\.bin next to model\.json/,
    ],
  ];
  for (const [what, path, message] of cases) {
    it(what, async () => {
      const before = tf.memory().numTensors;
      const variables = Object.keys(tf.engine().state.registeredVariables).length;
      await expect(loadModelFile(path())).rejects.toThrow(message);
      expect(tf.memory().numTensors).toBe(before);
      expect(Object.keys(tf.engine().state.registeredVariables).length).toBe(variables);
    });
  }
});
