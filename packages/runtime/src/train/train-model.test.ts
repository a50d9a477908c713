import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { describeEachBackend } from '../../../../test/backends';
import { SNN_WASM, enableFastWasm } from '../backends/snn-wasm/enable-fast-wasm';
import { evaluateLoss } from './evaluate-loss';
import { resolveLoss } from './losses';
import { trainModel } from './train-model';

const FEATURES = 12;
const CLASSES = 4;

/** A small self-normalizing network: 12 → 3 × Dense(16, selu) → Dense(4, softmax), seeded weights. */
function snn(seed = 1): tfl.LayersModel {
  const model = tfl.sequential();
  for (let i = 0; i < 3; i++) {
    model.add(
      tfl.layers.dense({
        units: 16,
        activation: 'selu',
        inputShape: i === 0 ? [FEATURES] : undefined,
        kernelInitializer: tfl.initializers.randomNormal({
          stddev: Math.sqrt(1 / 16),
          seed: seed + i,
        }),
      }),
    );
  }
  model.add(
    tfl.layers.dense({
      units: CLASSES,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.randomNormal({ stddev: 0.25, seed: seed + 10 }),
    }),
  );
  return model;
}

/** 50 examples: N(0, 1) features, one-hot labels from a fixed rule (so that the loss can fall). */
function data(n = 50): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([n, FEATURES], 0, 1, 'float32', 5) as tf.Tensor2D;
    const labels = tf.argMax(tf.slice(x, [0, 0], [n, CLASSES]), 1);
    return { x, y: tf.oneHot(labels as tf.Tensor1D, CLASSES) as tf.Tensor2D };
  });
}

function weights(model: tfl.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

function disposeAll(model: tfl.LayersModel, ...tensors: tf.Tensor[]) {
  model.dispose();
  tf.dispose(tensors);
}

function memorySuite(backend: string) {
  it(`keeps tf.memory().numTensors constant across 5 epochs and leaks nothing [${backend}]`, async () => {
    const { x, y } = data();
    const model = snn();
    const optimizer = tf.train.sgd(0.05);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await trainModel(model, x, y, {
      epochs: 5,
      batchSize: 16,
      optimizer,
      loss: 'categoricalCrossentropy',
      seed: 3,
      onEpochEnd: () => {
        counts.push(tf.memory().numTensors);
      },
    });
    expect(result).toMatchObject({ epochsRun: 5, stopReason: 'completed' });
    expect(counts).toHaveLength(5);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.losses[4]!).toBeLessThan(result.losses[0]!);
    optimizer.dispose();
    disposeAll(model, x, y);
  });
}

describeEachBackend('trainModel', (backend) => {
  memorySuite(backend);

  it('reports the exact mean loss over batches of unequal size (lr = 0)', async () => {
    const { x, y } = data(10);
    const model = snn();
    // Batches 4, 4, 2: the running mean weights each batch by its size, so with frozen weights it
    // equals the loss over the whole set.
    const result = await trainModel(model, x, y, {
      epochs: 2,
      batchSize: 4,
      optimizer: tf.train.sgd(0),
      loss: 'categoricalCrossentropy',
      seed: 1,
    });
    const full = await evaluateLoss(model, x, y, 'categoricalCrossentropy');
    expect(result.losses[0]).toBeCloseTo(full, 5);
    expect(result.losses[1]).toBeCloseTo(full, 5);
    disposeAll(model, x, y);
  });

  it('with evaluateTrainingLoss reports the full training-set loss after each epoch', async () => {
    const { x, y } = data();
    const model = snn();
    const reported: number[] = [];
    const result = await trainModel(model, x, y, {
      epochs: 2,
      batchSize: 8,
      optimizer: tf.train.sgd(0.05),
      loss: 'categoricalCrossentropy',
      seed: 2,
      evaluateTrainingLoss: true,
      onEpochEnd: (_e, logs) => {
        reported.push(logs.loss);
      },
    });
    expect(result.losses).toEqual(reported);
    expect(result.losses[1]).toBeCloseTo(
      await evaluateLoss(model, x, y, 'categoricalCrossentropy', { batchSize: 7 }),
      5,
    );
    disposeAll(model, x, y);
  });

  it('stops on a non-finite loss with stopReason diverged, at a lossEvery sync point', async () => {
    const { x } = data();
    const y = tf.mul(tf.onesLike(x), 1e30) as tf.Tensor2D;
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: FEATURES, inputShape: [FEATURES], kernelInitializer: 'ones' }),
      ],
    });
    const optimizer = tf.train.sgd(1e6);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const result = await trainModel(model, x, y, {
      epochs: 5,
      batchSize: 5,
      optimizer,
      loss: 'meanSquaredError',
      seed: 1,
      lossEvery: 2,
      onEpochEnd: (_e, logs) => {
        seen.push(logs.loss);
      },
    });
    expect(result.stopReason).toBe('diverged');
    expect(result.epochsRun).toBe(1);
    expect(Number.isFinite(result.losses[0]!)).toBe(false);
    expect(seen).toEqual(result.losses);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    disposeAll(model, x, y);
  });
});

describe(`trainModel on '${SNN_WASM}'`, () => {
  beforeAll(async () => {
    await enableFastWasm({ threads: 1 });
    await tf.setBackend(SNN_WASM);
  });

  memorySuite(SNN_WASM);

  it('trains to the same weights as the cpu backend (float32 tolerance)', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const { x, y } = data();
      const model = snn();
      await trainModel(model, x, y, {
        epochs: 3,
        batchSize: 16,
        optimizer: tf.train.sgd(0.05),
        loss: 'categoricalCrossentropy',
        seed: 9,
      });
      const w = weights(model);
      disposeAll(model, x, y);
      return w;
    };
    const fast = await run(SNN_WASM);
    const cpu = await run('cpu');
    for (let i = 0; i < cpu.length; i++) {
      for (let j = 0; j < cpu[i]!.length; j++)
        expect(Math.abs(fast[i]![j]! - cpu[i]![j]!)).toBeLessThan(1e-4);
    }
  });
});

describe('trainModel on cpu: control flow', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a resumed run is identical to an uninterrupted one (order depends only on seed and epoch)', async () => {
    const { x, y } = data();
    const straight = snn();
    const resumed = snn();
    const options = { batchSize: 8, loss: 'categoricalCrossentropy', seed: 11 } as const;
    const a = await trainModel(straight, x, y, {
      ...options,
      epochs: 4,
      optimizer: tf.train.sgd(0.05),
    });
    const optimizer = tf.train.sgd(0.05);
    const first = await trainModel(resumed, x, y, { ...options, epochs: 2, optimizer });
    const second = await trainModel(resumed, x, y, {
      ...options,
      epochs: 4,
      initialEpoch: 2,
      optimizer,
    });
    expect(first.epochsRun + second.epochsRun).toBe(4);
    expect([...first.losses, ...second.losses]).toEqual(a.losses);
    expect(weights(resumed)).toEqual(weights(straight));
    disposeAll(straight, x, y);
    resumed.dispose();
  });

  it('passes epoch indices from initialEpoch and stops when the callback says so', async () => {
    const { x, y } = data();
    const model = snn();
    const epochs: number[] = [];
    const result = await trainModel(model, x, y, {
      epochs: 10,
      initialEpoch: 3,
      batchSize: 16,
      optimizer: tf.train.sgd(0.01),
      loss: 'categoricalCrossentropy',
      onEpochEnd: async (epoch) => {
        epochs.push(epoch);
        return epoch === 5 ? 'stop' : undefined;
      },
    });
    expect(epochs).toEqual([3, 4, 5]);
    expect(result).toMatchObject({ epochsRun: 3, stopReason: 'callback' });
    disposeAll(model, x, y);
  });

  it('stops with stopReason aborted: before the first step, and from a timer between epochs', async () => {
    const { x, y } = data();
    const model = snn();
    const optimizer = tf.train.sgd(0.01);
    const base = { batchSize: 16, optimizer, loss: 'categoricalCrossentropy' } as const;
    const before = tf.memory().numTensors;

    const early = new AbortController();
    early.abort();
    const none = await trainModel(model, x, y, { ...base, epochs: 3, signal: early.signal });
    expect(none).toEqual({ losses: [], epochsRun: 0, stopReason: 'aborted' });

    const later = new AbortController();
    const result = await trainModel(model, x, y, {
      ...base,
      epochs: 1000,
      signal: later.signal,
      onEpochEnd: (epoch) => {
        if (epoch === 1) setTimeout(() => later.abort(), 0);
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.epochsRun).toBeGreaterThanOrEqual(2);
    expect(result.epochsRun).toBeLessThan(1000);
    expect(tf.memory().numTensors).toBe(before);
    disposeAll(model, x, y);
  });

  it('without shuffling, lossEvery = 1 and "epoch" give the same losses and weights', async () => {
    const { x, y } = data();
    const run = async (lossEvery: 'epoch' | number) => {
      const model = snn();
      const r = await trainModel(model, x, y, {
        epochs: 2,
        batchSize: 7,
        shuffle: false,
        lossEvery,
        optimizer: tf.train.sgd(0.05),
        loss: 'categoricalCrossentropy',
      });
      const w = weights(model);
      model.dispose();
      return { losses: r.losses, w };
    };
    expect(await run(1)).toEqual(await run('epoch'));
    tf.dispose([x, y]);
  });

  it('accepts sparse labels and a custom loss function', async () => {
    const { x, y } = data();
    const labels = tf.argMax(y, 1);
    const sparse = snn();
    const dense = snn();
    const custom = snn();
    const base = { epochs: 2, batchSize: 10, seed: 4 } as const;
    const a = await trainModel(sparse, x, labels, {
      ...base,
      optimizer: tf.train.sgd(0.05),
      loss: 'sparseCategoricalCrossentropy',
    });
    const b = await trainModel(dense, x, y, {
      ...base,
      optimizer: tf.train.sgd(0.05),
      loss: 'categoricalCrossentropy',
    });
    const c = await trainModel(custom, x, y, {
      ...base,
      optimizer: tf.train.sgd(0.05),
      loss: resolveLoss('categoricalCrossentropy', 'test'),
    });
    for (let i = 0; i < 2; i++) {
      expect(a.losses[i]).toBeCloseTo(b.losses[i]!, 5);
      expect(c.losses[i]).toBeCloseTo(b.losses[i]!, 5);
    }
    disposeAll(sparse, x, y, labels);
    dense.dispose();
    custom.dispose();
  });

  it('validates its arguments with SnnError', async () => {
    const { x, y } = data();
    const model = snn();
    const ok = {
      epochs: 1,
      batchSize: 8,
      optimizer: tf.train.sgd(0.1),
      loss: 'meanSquaredError',
    } as const;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ batchSize: 0 }, /`batchSize` must be a positive integer, got 0/],
      [{ epochs: 1, initialEpoch: 2 }, /`epochs` must be an integer ≥ initialEpoch \(2\), got 1/],
      [{ lossEvery: 0 }, /`lossEvery` must be 'epoch' or a positive integer, got 0/],
      [{ loss: 'hinge' }, /`loss` must be one of/],
      [{ optimizer: null }, /`optimizer` must be a tfjs optimizer/],
    ];
    for (const [override, message] of cases) {
      const error = await trainModel(model, x, y, { ...ok, ...override } as never).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SnnError);
      expect(String(error)).toMatch(message);
    }
    const short = tf.slice(y, [0, 0], [10, CLASSES]);
    await expect(trainModel(model, x, short, ok)).rejects.toThrow(
      /same number of rows, got 50 and 10/,
    );
    disposeAll(model, x, y, short);
  });
});
