import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNN_SELU_GRAD } from '../../../../../internal/selu-gradient-kernel';
import { webGpuAvailable } from '../../../../../test/backends';
import { trainModel } from '../../train/train-model';
import { WEBGPU, enableWebGpu } from './enable-webgpu';

// λ = 1.0507009873554804934… and α = 1.6732632423543772848… of the paper, rounded to float64:
// the expected values come from the definition, not from tfjs.
const LAMBDA = 1.0507009873554805;
const ALPHA = 1.6732632423543772;
const selu64 = (x: number) => (x > 0 ? LAMBDA * x : LAMBDA * ALPHA * Math.expm1(x));
const seluGrad64 = (x: number) => (x > 0 ? LAMBDA : LAMBDA * ALPHA * Math.exp(x));

/** Inputs across both branches, the switch of the series at −0.5, tiny negatives and extremes. */
const XS = [
  -1e-8, -1e-6, -1e-3, -0.1, -0.4999, -0.5, -0.5001, -1, -3, -20, -100, 0, 1e-7, 1e-3, 0.5, 2, 40,
];

describe.runIf(webGpuAvailable.ok)('SELU kernels on webgpu', () => {
  beforeAll(async () => {
    await tf.setBackend(await enableWebGpu());
  });
  afterAll(() => tf.setBackend('cpu'));

  it('Selu: relative error ≤ 4 float32 ulps of the float64 definition, near 0 too', async () => {
    const x = tf.tensor1d(XS);
    const y = tf.selu(x);
    const got = await y.data();
    XS.forEach((v, i) => {
      const want = selu64(Math.fround(v));
      expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(4 * 2 ** -23 * Math.abs(want));
    });
    tf.dispose([x, y]);
  });

  it('Selu keeps NaN and the limits ±∞', async () => {
    const y = tf.selu(
      tf.tensor1d([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
    );
    const [nan, inf, negInf] = await y.data();
    expect(nan).toBeNaN();
    expect(inf).toBe(Number.POSITIVE_INFINITY);
    expect(negInf).toBeCloseTo(-LAMBDA * ALPHA, 6);
    y.dispose();
  });

  it('the gradient runs as one SnnSeluGrad kernel and matches λ, λα·eˣ (λα at 0)', async () => {
    // WGSL may flush subnormal results to 0 (λα·e⁻¹⁰⁰ is one): an absolute 2⁻¹²⁶ allows it.
    const x = tf.tensor1d(XS);
    const dy = tf.tensor1d(XS.map((_, i) => 0.5 + i / 7));
    const profile = await tf.profile(() => {
      const [g] = tf.grads((t: tf.Tensor) => tf.selu(t))([x], dy);
      return g!;
    });
    expect(profile.kernelNames).toContain(SNN_SELU_GRAD);
    const g = tf.grads((t: tf.Tensor) => tf.selu(t))([x], dy)[0]!;
    const got = await g.data();
    const dyValues = await dy.data();
    XS.forEach((v, i) => {
      const want = seluGrad64(Math.fround(v)) * dyValues[i]!;
      expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(
        8 * 2 ** -23 * Math.abs(want) + 2 ** -126,
      );
    });
    tf.dispose([x, dy, g]);
  });

  it('second derivative: d²selu/dx² = λα·eˣ for x ≤ 0, 0 for x > 0', async () => {
    const points = [-2, -0.3, -1e-3, 0.7, 3];
    const x = tf.tensor1d(points);
    const second = tf.grad((t: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.selu(u))(t))(x);
    const got = await second.data();
    points.forEach((v, i) => {
      const want = v > 0 ? 0 : LAMBDA * ALPHA * Math.exp(v);
      expect(got[i]!).toBeCloseTo(want, 5);
    });
    tf.dispose([x, second]);
  });

  it('dataSync and arraySync read from the GPU in Node, also right after training', async () => {
    const model = sequential({
      layers: [
        layers.dense({ units: 16, inputShape: [8], activation: 'selu' }),
        layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    const x = tf.randomNormal([64, 8], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.randomUniform([64], 0, 2, 'int32', 2), 2);
    await trainModel(model, x, y, {
      epochs: 1,
      batchSize: 16,
      optimizer: tf.train.sgd(0.1),
      loss: 'categoricalCrossentropy',
      seed: 1,
    });
    const out = model.predict(x) as tf.Tensor;
    const sync = out.dataSync();
    expect(Array.from(sync)).toEqual(Array.from(await out.data()));
    expect((out.arraySync() as number[][])[0]![0]).toBe(sync[0]);
    const sums = tf.sum(out, 1).arraySync() as number[];
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    tf.dispose([x, y, out]);
    model.dispose();
  });

  it('a training epoch reads the GPU once (its loss), leaks no tensor and keeps every weight on the GPU', async () => {
    const model = sequential({
      layers: [
        layers.dense({ units: 32, inputShape: [16], activation: 'selu' }),
        layers.dense({ units: 32, activation: 'selu' }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const x = tf.randomNormal([128, 16], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.randomUniform([128], 0, 3, 'int32', 4), 3);
    const optimizer = tf.train.sgd(0.05);
    const train = () =>
      trainModel(model, x, y, {
        epochs: 1,
        batchSize: 16,
        optimizer,
        loss: 'categoricalCrossentropy',
        seed: 1,
      });
    await train();
    const backend = tf.backend() as unknown as {
      read: (id: object) => Promise<unknown>;
      readSync: (id: object) => unknown;
    };
    let reads = 0;
    const { read, readSync } = backend;
    backend.read = (id) => {
      reads++;
      return read.call(backend, id);
    };
    backend.readSync = (id) => {
      reads++;
      return readSync.call(backend, id);
    };
    const before = tf.memory().numTensors;
    try {
      const { losses } = await train();
      expect(Number.isFinite(losses[0])).toBe(true);
    } finally {
      backend.read = read;
      backend.readSync = readSync;
    }
    expect(reads).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    // A kernel handed to the CPU leaves its output in CPU memory (values, no GPU buffer).
    const storage = (
      tf.backend() as unknown as {
        tensorMap: { get(id: object): { values: unknown; resource: unknown } };
      }
    ).tensorMap;
    for (const weight of model.trainableWeights) {
      const data = storage.get(weight.read().dataId);
      expect(data.values ?? null).toBeNull();
      expect(data.resource ?? null).not.toBeNull();
    }
    expect(tf.getBackend()).toBe(WEBGPU);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
