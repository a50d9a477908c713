import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { nativeAddon } from '../../../../test/backends';
import { trainModel } from '../train/train-model';
import { selectBackend } from './select-backend';
import { BACKEND_NATIVE, SNN_NATIVE, enableNative } from './snn-native';
import { SNN_WASM } from './snn-wasm/enable-fast-wasm';

/** A file that is no shared object at all. */
const corrupt = join(mkdtempSync(join(tmpdir(), 'snn-native-')), 'corrupt.node');
writeFileSync(corrupt, 'not an ELF file\n'.repeat(64));

const notInstalled = (specifier: string) =>
  Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

/** tfjs-node missing, and @snn/backend-native too unless `withNative`. */
const installed =
  (withNative: boolean) =>
  async (specifier: string): Promise<unknown> => {
    if (withNative && specifier === BACKEND_NATIVE) return import(BACKEND_NATIVE);
    throw notInstalled(specifier);
  };

describe('snn-native fallback', () => {
  it('auto falls back to snn-wasm past a corrupt addon and says why', async () => {
    const choice = await selectBackend('auto', {
      threads: 1,
      importModule: installed(true),
      gpuVisible: false,
      nativeAddon: corrupt,
    });
    expect(choice.name).toBe(SNN_WASM);
    expect(choice.reason).toMatch(
      /snn-native unavailable \(the 'snn-native' addon is unavailable: .*corrupt\.node failed to load/,
    );
  });

  it('auto falls back to snn-wasm without @snn/backend-native and names the package', async () => {
    const choice = await selectBackend('auto', {
      threads: 1,
      importModule: installed(false),
      gpuVisible: false,
    });
    expect(choice.name).toBe(SNN_WASM);
    expect(choice.reason).toMatch(
      /snn-native unavailable \(the 'snn-native' backend needs @snn\/backend-native, which is not installed; install it with `npm install @snn\/backend-native`/,
    );
  });

  it('named snn-native throws an SnnError that names the way out', async () => {
    const missing = await selectBackend('snn-native', { importModule: installed(false) }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(SnnError);
    expect(String(missing)).toMatch(/npm install @snn\/backend-native.*or use 'snn-wasm'/);
    const error = await selectBackend('snn-native', { nativeAddon: corrupt }).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(String(error)).toMatch(/corrupt\.node failed to load.*use 'snn-wasm' instead/);
  });

  it('rejects a thread count that is not a positive integer', async () => {
    await expect(enableNative({ threads: 0 })).rejects.toThrow(
      /`threads` must be an integer ≥ 1, got 0/,
    );
    await expect(enableNative({ threads: 1.5 })).rejects.toThrow(/got 1\.5/);
  });
});

(nativeAddon.ok ? describe : describe.skip)('snn-native', () => {
  it('is what auto picks without tfjs-node, with its BLAS and threads in the reason', async () => {
    const choice = await selectBackend('auto', {
      threads: 2,
      importModule: installed(true),
      gpuVisible: false,
    });
    expect(choice.name).toBe(SNN_NATIVE);
    expect(choice.reason).toMatch(
      /^auto → snn-native: (OpenBLAS|BLIS) .*\(2 threads\) for matrix products/,
    );
    expect(choice.reason).toMatch(/tfjs-node not installed/);
    expect(tf.getBackend()).toBe(SNN_NATIVE);
  });

  /** A small SELU network trained for 2 epochs; its weights, and the kernels the run used. */
  async function train(
    fit: (model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor) => Promise<unknown>,
  ): Promise<{ weights: number[]; kernels: string[] }> {
    await enableNative({ threads: 1 });
    await tf.setBackend(SNN_NATIVE);
    const init = (seed: number) => tfl.initializers.randomNormal({ stddev: 0.5, seed });
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({
          units: 8,
          activation: 'selu',
          inputShape: [5],
          kernelInitializer: init(1),
        }),
        tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }),
      ],
    });
    const x = tf.randomNormal([24, 5], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.argMax(tf.slice(x, [0, 0], [-1, 3]), 1), 3);
    const { kernelNames } = await tf.profile(async () => {
      await fit(model, x, y);
    });
    const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    tf.dispose([x, y]);
    model.dispose();
    return { weights, kernels: kernelNames };
  }

  it("gives model.fit the native SGD step with @snn/backend-native's optimizer, bit for bit", async () => {
    const { NativeSgdOptimizer } = await import('@snn/backend-native');
    const fit =
      (optimizer: tf.Optimizer) => (model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor) => {
        model.compile({ optimizer, loss: 'categoricalCrossentropy' });
        return model.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 });
      };
    const stock = await train(fit(tf.train.sgd(0.1)));
    const native = await train(fit(new NativeSgdOptimizer(0.1)));
    expect(stock.kernels).not.toContain('SnnAxpy');
    expect(native.kernels).toContain('SnnAxpy');
    expect(native.weights).toEqual(stock.weights);
  });

  it("runs trainModel's plain tf.train.sgd through the native SGD step", async () => {
    const run = await train((model, x, y) =>
      trainModel(model, x, y, {
        epochs: 2,
        batchSize: 8,
        optimizer: tf.train.sgd(0.1),
        loss: 'categoricalCrossentropy',
        shuffle: false,
      }),
    );
    expect(run.kernels).toContain('SnnAxpy');
  });
});
