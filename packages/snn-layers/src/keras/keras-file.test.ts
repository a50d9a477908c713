// `.keras` files in and out. The fixtures are written by
// /usr/bin/python3 packages/snn-layers/scripts/make-keras-file-fixtures.py with h5py and numpy in
// Keras 3's layout (the script names the Keras source of each detail; Keras itself cannot be
// installed here), and keras3-file-outputs.json holds numpy's outputs for fixed inputs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LimitError } from '../../../../internal/limits';
import { describeEachBackend } from '../../../../test/backends';
import expected from '../fixtures/keras3-file-outputs.json';
import { SnnError, buildFnn, loadKerasFile, toKerasFile } from '../index';
import { withH5File } from './h5wasm-module';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../scripts/make-keras-file-fixtures.py', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const work = mkdtempSync(join(tmpdir(), 'snn-keras-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Whether Debian's python3 with h5py is here to read our files independently, and why not. */
const python = (() => {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import h5py, numpy'], { encoding: 'utf8' });
  if (probe.error) return { ok: false, why: '/usr/bin/python3 is missing' };
  if (probe.status !== 0) return { ok: false, why: 'python3-h5py is not installed' };
  return { ok: true, why: '' };
})();

interface H5pyView {
  members: string[];
  compression: number[];
  metadata: Record<string, unknown>;
  config: { class_name: string; config: { layers: { class_name: string }[] } };
  datasets: Record<string, { shape: number[]; dtype: string; values: number[] }>;
  group_names: Record<string, string>;
}

/** What the fixture script's h5py reader sees in `bytes`. */
function readWithH5py(bytes: Uint8Array): H5pyView {
  const path = join(work, `read-${Math.random().toString(36).slice(2)}.keras`);
  writeFileSync(path, bytes);
  const out = execFileSync('/usr/bin/python3', [SCRIPT, '--read', path], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as H5pyView;
}

/** The models whose files the tests write: a buildFnn SNN and a functional net with BatchNorm. */
function sequentialSnn(): tfl.LayersModel {
  return buildFnn({
    architecture: 'snn',
    inputDim: 12,
    outputDim: 3,
    depth: 3,
    width: 20,
    dropoutRate: 0.05,
    seed: 7,
  });
}

function functionalBatchNorm(): tfl.LayersModel {
  const input = tfl.input({ shape: [6], name: 'features' });
  const dense = tfl.layers.dense({ units: 10, name: 'dense_a' }).apply(input);
  const bn = tfl.layers.batchNormalization({ name: 'bn' }).apply(dense);
  const act = tfl.layers.activation({ activation: 'selu', name: 'act' }).apply(bn);
  const out = tfl.layers.dense({ units: 2, name: 'out' }).apply(act) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out, name: 'bn_net' });
  // Non-trivial moving statistics, so that their order in the file matters.
  const layer = model.getLayer('bn');
  const [gamma, beta] = layer.getWeights();
  const mean = tf.randomNormal([10], 0, 0.3, 'float32', 11);
  const variance = tf.randomUniform([10], 0.5, 2, 'float32', 12);
  layer.setWeights([gamma!, beta!, mean, variance]);
  tf.dispose([mean, variance]);
  return model;
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  const gap = tf.max(tf.abs(tf.sub(a, b)));
  const value = gap.dataSync()[0]!;
  gap.dispose();
  return value;
}

describeEachBackend(
  'loadKerasFile and toKerasFile',
  () => {
    for (const name of ['keras3-snn.keras', 'keras3-functional-bn.keras'] as const) {
      it(`reads ${name} and predicts numpy's outputs`, async () => {
        const model = await loadKerasFile(join(FIXTURES, name));
        const { inputs, outputs } = expected[name];
        const x = tf.tensor2d(inputs);
        const before = tf.memory().numTensors;
        const y = model.predict(x) as tf.Tensor;
        expect(tf.memory().numTensors).toBe(before + 1);
        // float32 inference against numpy's float64 on float32 weights: a few ulps of |y| ≲ 3
        expect(y.shape).toEqual([inputs.length, outputs[0]!.length]);
        const reference = tf.tensor2d(outputs);
        expect(maxAbsDiff(y, reference)).toBeLessThan(2e-5);
        tf.dispose([x, y, reference]);
        model.dispose();
      });
    }

    for (const [title, make] of [
      ['a buildFnn SNN (Sequential)', sequentialSnn],
      ['a functional net with BatchNormalization', functionalBatchNorm],
    ] as const) {
      it(`round-trips ${title}: weights bit for bit, the same predictions, no tensor left`, async () => {
        const model = make();
        const before = tf.memory().numTensors;
        const bytes = await toKerasFile(model, { date: new Date(2026, 0, 2, 3, 4, 5) });
        expect(tf.memory().numTensors).toBe(before);
        const loaded = await loadKerasFile(bytes);
        const original = model.getWeights();
        const back = loaded.getWeights();
        expect(back.length).toBe(original.length);
        original.forEach((w, i) => {
          expect(back[i]!.shape).toEqual(w.shape);
          expect(back[i]!.dataSync()).toEqual(w.dataSync());
        });
        const x = tf.randomNormal([7, model.inputs[0]!.shape[1]!], 0, 1, 'float32', 5);
        const a = model.predict(x) as tf.Tensor;
        const b = loaded.predict(x) as tf.Tensor;
        // The SNN's SELU layer becomes Activation("selu"), which tfjs rounds differently on wasm.
        expect(maxAbsDiff(a, b)).toBeLessThan(1e-6);
        tf.dispose([x, a, b]);
        // Written again, the file is the same byte for byte.
        expect(await toKerasFile(loaded, { date: new Date(2026, 0, 2, 3, 4, 5) })).toEqual(
          await toKerasFile(loaded, { date: new Date(2026, 0, 2, 3, 4, 5) }),
        );
        model.dispose();
        loaded.dispose();
      });
    }

    it('writes one model with one date as the same bytes, whatever the clock says', async () => {
      const model = sequentialSnn();
      const date = new Date(2026, 0, 2, 3, 4, 5);
      // HDF5 stamps its object headers with the clock's time; the file must carry `date` instead.
      const writtenAt = async (clock: number) => {
        const spy = vi.spyOn(Date, 'now').mockReturnValue(clock);
        try {
          return await toKerasFile(model, { date });
        } finally {
          spy.mockRestore();
        }
      };
      const first = await writtenAt(Date.UTC(2030, 0, 1));
      expect(await writtenAt(Date.UTC(2031, 5, 6, 7, 8, 9))).toEqual(first);
      model.dispose();
    });
  },
  ['cpu', 'wasm'],
);

describe.skipIf(!python.ok)(
  `toKerasFile, read by h5py${python.ok ? '' : ` (skipped: ${python.why})`}`,
  () => {
    it('writes Keras 3’s layout: stored zip members in order, layers/<class>/vars/i float32 datasets, named groups', async () => {
      await tf.setBackend('cpu');
      const model = sequentialSnn();
      const view = readWithH5py(await toKerasFile(model));
      expect(view.members).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
      expect(view.compression).toEqual([0]);
      expect(Object.keys(view.metadata).sort()).toEqual(['date_saved', 'keras_version']);
      expect(view.metadata.date_saved).toMatch(/^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
      expect(view.config.class_name).toBe('Sequential');
      expect(view.config.config.layers[0]!.class_name).toBe('InputLayer');
      // Keras addresses layers by class: dense, dense_1, …; weights in Keras' creation order.
      const dense = model.layers.filter((l) => l.getClassName() === 'Dense');
      const paths = ['layers/dense', 'layers/dense_1', 'layers/dense_2', 'layers/dense_3'];
      expect(Object.keys(view.datasets).sort()).toEqual(
        paths.flatMap((p) => [`${p}/vars/0`, `${p}/vars/1`]),
      );
      dense.forEach((layer, i) => {
        const [kernel, bias] = layer.getWeights();
        const k = view.datasets[`${paths[i]}/vars/0`]!;
        expect(k).toMatchObject({ shape: kernel!.shape, dtype: '<f4' });
        expect(k.values).toEqual(Array.from(kernel!.dataSync()));
        expect(view.datasets[`${paths[i]}/vars/1`]!.values).toEqual(Array.from(bias!.dataSync()));
        expect(view.group_names[`${paths[i]}/vars`]).toBe(layer.name);
      });
      expect(view.group_names['layers/alpha_dropout_2/vars']).toBe('hidden_3_dropout');
      expect(view.group_names.vars).toBe(model.name);
      model.dispose();
    });

    it('writes BatchNormalization’s variables as Keras does: gamma, beta, moving mean, moving variance', async () => {
      await tf.setBackend('cpu');
      const model = functionalBatchNorm();
      const view = readWithH5py(await toKerasFile(model));
      expect(view.config.class_name).toBe('Functional');
      const [gamma, beta, mean, variance] = model.getLayer('bn').getWeights();
      [gamma, beta, mean, variance].forEach((w, i) => {
        expect(view.datasets[`layers/batch_normalization/vars/${i}`]!.values).toEqual(
          Array.from(w!.dataSync()),
        );
      });
      expect(view.group_names['layers/input_layer/vars']).toBe('features');
      model.dispose();
    });
  },
);

describe('untrusted .keras files', () => {
  const snn = fixture('keras3-snn.keras');
  const members = () => unzipSync(snn);
  const rezip = (files: Record<string, Uint8Array>) => zipSync(files, { level: 0 });

  it('refuses entries outside the archive, missing members and non-archives, naming the file', async () => {
    await expect(
      loadKerasFile(rezip({ ...members(), '../evil.json': strToU8('{}') })),
    ).rejects.toThrow(/refusing archive entry "\.\.\/evil\.json": its path contains "\.\."/);
    const { 'config.json': _config, ...noConfig } = members();
    await expect(loadKerasFile(rezip(noConfig))).rejects.toThrow(
      'the .keras file: not a Keras 3 .keras archive: it has no config.json (found members metadata.json, model.weights.h5); pass a file written by Keras 3',
    );
    const { 'model.weights.h5': weights, ...noWeights } = members();
    await expect(
      loadKerasFile(rezip({ ...noWeights, 'model.weights.npz': weights! })),
    ).rejects.toThrow("its weights are in NumPy's .npz format");
    await expect(loadKerasFile(strToU8('not a zip'))).rejects.toThrow(/not a readable zip archive/);
    await expect(loadKerasFile(join(work, 'absent.keras'))).rejects.toThrow(
      /absent\.keras: cannot read it \(ENOENT\)/,
    );
  });

  it('checks member sizes against SNN_MAX_SHARD_BYTES before inflating', async () => {
    process.env.SNN_MAX_SHARD_BYTES = '1000';
    try {
      const error = await loadKerasFile(snn).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LimitError);
      expect((error as Error).message).toMatch(
        /^the \.keras file member (config\.json|model\.weights\.h5): [\d,]+ bytes in one weight file, more than the limit of 1,000/,
      );
    } finally {
      Reflect.deleteProperty(process.env, 'SNN_MAX_SHARD_BYTES');
    }
  });

  it('checks the config against the limits, and against the weights, before building', async () => {
    const files = members();
    const config = JSON.parse(strFromU8(files['config.json']!));
    config.config.layers[1].config.units = 1e9;
    await expect(
      loadKerasFile(rezip({ ...files, 'config.json': strToU8(JSON.stringify(config)) })),
    ).rejects.toThrow(
      /layer 'dense' `units`: 1,000,000,000 units in one layer, more than the limit/,
    );
    config.config.layers[1].config.units = 21;
    await expect(
      loadKerasFile(rezip({ ...files, 'config.json': strToU8(JSON.stringify(config)) })),
    ).rejects.toThrow(
      "layer 'dense': the config says 21 units, but its kernel layers/dense/vars/0 in model.weights.h5 has shape [12,20]",
    );
  });

  it('counts the weights the config asks for against SNN_MAX_PARAMETERS before reading any', async () => {
    process.env.SNN_MAX_PARAMETERS = '100';
    try {
      const error = await loadKerasFile(snn).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LimitError);
      // 12 → 20 → 16 → 3: (12·20 + 20) + (20·16 + 16) + (16·3 + 3) = 647 weights.
      expect((error as Error).message).toMatch(
        /^the \.keras file: the topology's weights: 647 parameters in one model, more than the limit of 100;/,
      );
    } finally {
      Reflect.deleteProperty(process.env, 'SNN_MAX_PARAMETERS');
    }
  });

  it('refuses links inside the HDF5 file and non-float32 weights', async () => {
    const files = members();
    const { bytes: linked } = await withH5File(null, (root) => {
      root.create_group('elsewhere').create_group('vars');
      root.create_group('layers').create_soft_link('/elsewhere', 'dense');
    });
    await expect(loadKerasFile(rezip({ ...files, 'model.weights.h5': linked! }))).rejects.toThrow(
      /a link or a named type at layers\/dense, not a group or dataset/,
    );
    const { bytes: doubles } = await withH5File(null, (root) => {
      const vars = root.create_group('layers').create_group('dense').create_group('vars');
      vars.create_dataset({ name: '0', data: new Float64Array(240), shape: [12, 20], dtype: '<d' });
    });
    await expect(loadKerasFile(rezip({ ...files, 'model.weights.h5': doubles! }))).rejects.toThrow(
      /layers\/dense\/vars\/0 holds "<d" values of shape \[12,20\], expected float32/,
    );
  });

  it('refuses an unknown class before building, and disposes what tfjs built before failing', async () => {
    const files = members();
    const edited = (edit: (layers: Array<Record<string, any>>) => void) => {
      const config = JSON.parse(strFromU8(files['config.json']!));
      edit(config.config.layers);
      return rezip({ ...files, 'config.json': strToU8(JSON.stringify(config)) });
    };
    const before = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().state.registeredVariables).length;
    await expect(
      loadKerasFile(
        edited((layers) => {
          layers[4]!.class_name = 'FancyActivation';
        }),
      ),
    ).rejects.toThrow(
      "the .keras file: layer 'activation' uses the layer class 'FancyActivation', which neither tfjs nor the @snn packages know; register it",
    );
    // tfjs builds dense and dense_1 (with their variables), then fails on the activation.
    await expect(
      loadKerasFile(
        edited((layers) => {
          layers[4]!.config.activation = 'fancy';
        }),
      ),
    ).rejects.toThrow(/^the \.keras file: tfjs cannot build the model \(.*fancy.*\); check that/);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tf.engine().state.registeredVariables).length).toBe(variables);
  });

  it('names the layer whose weights do not fit its config', async () => {
    const files = members();
    const { bytes } = await withH5File(null, (root) => {
      const vars = root.create_group('layers').create_group('dense').create_group('vars');
      vars.create_dataset({ name: '0', data: new Float32Array(240), shape: [12, 20], dtype: '<f' });
    });
    const error = await loadKerasFile(rezip({ ...files, 'model.weights.h5': bytes! })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SnnError);
    expect((error as Error).message).toContain(
      "layer 'dense' (Dense) needs weights of shapes [[12,20],[20]], model.weights.h5 holds [[12,20]] under layers/dense/vars",
    );
  });
});
