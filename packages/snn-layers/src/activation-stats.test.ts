import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { activationStats, buildFnn, hiddenLayers } from './index';

describeEachBackend('activationStats', (backend) => {
  it("keeps a depth-32, width-784 SNN in Theorem 1's domain on N(0, 1) inputs", async () => {
    // Pooled over 64 (cpu, the slow backend) or 256 (wasm) samples × 784 units per layer: the
    // sampling error of a layer's mean, ≈ 1/√(784·batch) < 0.005, is far inside ±0.1.
    const batch = backend === 'cpu' ? 64 : 256;
    const before = tf.memory().numTensors;
    const model = buildFnn({
      architecture: 'snn',
      depth: 32,
      width: 784,
      inputDim: 784,
      outputDim: 10,
      seed: 1,
    });
    const x = tf.randomNormal([batch, 784], 0, 1, 'float32', 2);
    const stats = await activationStats(model, x);
    expect(stats.map((s) => s.name)).toEqual(
      Array.from({ length: 32 }, (_, i) => `hidden_${i + 1}`),
    );
    for (const { mean, variance } of stats) {
      expect(Math.abs(mean)).toBeLessThanOrEqual(0.1);
      expect(variance).toBeGreaterThanOrEqual(0.8);
      expect(variance).toBeLessThanOrEqual(1.5);
    }
    x.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes the pooled mean and population variance of each hidden output', async () => {
    // Two hand-set linear layers: h1 = x·2 + 1, h2 = h1·(−1); output layer ignored.
    const model = sequential({
      layers: [
        layers.dense({
          units: 1,
          inputShape: [1],
          kernelInitializer: 'ones',
          biasInitializer: 'ones',
        }),
        layers.dense({ units: 1, kernelInitializer: 'zeros', useBias: false }),
        layers.dense({ units: 1 }),
      ],
    });
    model.layers[0]!.setWeights([tf.tensor2d([[2]]), tf.tensor1d([1])]);
    model.layers[1]!.setWeights([tf.tensor2d([[-1]])]);
    const x = tf.tensor2d([[0], [1], [2], [3]]);
    const stats = await activationStats(model, x);
    // h1 = 1, 3, 5, 7: mean 4, variance (9 + 1 + 1 + 9)/4 = 5; h2 = −h1.
    expect(stats.map((s) => s.name)).toEqual(model.layers.slice(0, 2).map((l) => l.name));
    expect(stats[0]!.mean).toBeCloseTo(4, 5);
    expect(stats[0]!.variance).toBeCloseTo(5, 5);
    expect(stats[1]!.mean).toBeCloseTo(-4, 5);
    expect(stats[1]!.variance).toBeCloseTo(5, 5);
    x.dispose();
    model.dispose();
  });
});

it('hiddenLayers picks the hidden_<i> outputs of buildFnn models, in order', () => {
  const model = buildFnn({
    architecture: 'batchnorm',
    depth: 3,
    width: 4,
    inputDim: 2,
    outputDim: 2,
  });
  expect(hiddenLayers(model).map((l) => l.getClassName())).toEqual([
    'BatchNormalization',
    'BatchNormalization',
    'BatchNormalization',
  ]);
  model.dispose();
});
