import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { oneHotLabels, values } from '../../../test/deterministic-values';
import { fitWeights } from '../../../test/fit-weights';
import { BatchNormalization, batchNormalization } from './batch-normalization';
import './register';

/**
 * Dense → ReLU → batch norm → Dense → ReLU → batch norm → softmax, with the batch norms from
 * `norm`; fixed initial weights, so two builds differ only in their batch-norm class.
 */
function network(norm: (args: { momentum: number }) => tfl.layers.Layer): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ units: 24, inputShape: [10] }));
  model.add(tfl.layers.reLU());
  model.add(norm({ momentum: 0.9 }));
  model.add(tfl.layers.dense({ units: 16 }));
  model.add(tfl.layers.reLU());
  model.add(norm({ momentum: 0.99 }));
  model.add(tfl.layers.dense({ units: 3, activation: 'softmax' }));
  model.setWeights(
    model.getWeights().map((w, i) => tf.tensor(values(w.size, i + 1), w.shape, 'float32')),
  );
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

describeEachBackend('BatchNormalization', () => {
  it('trains as tf.layers.batchNormalization bit for bit: weights and moving statistics, with a partial last batch', async () => {
    const rows = 75;
    const x = tf.tensor2d(
      values(rows * 10, 20).map((v, i) => 2 * v + (i % 10) * 0.3),
      [rows, 10],
    );
    const labels = oneHotLabels(rows, 21, 3);
    const trained = [
      await fitWeights(network(tfl.layers.batchNormalization), x, labels),
      await fitWeights(network(batchNormalization), x, labels),
    ];
    // Every weight, the moving mean and variance included, bit patterns included.
    expect(trained[1]).toEqual(trained[0]);
    // Training moved the moving statistics off their initial values.
    expect(trained[1]![4]).not.toEqual(Array.from(Float32Array.from(values(24, 5))));
    x.dispose();
    labels.dispose();
  });

  it('normalizes a batch by its own statistics in training and by the moving ones in inference', () => {
    const layer = batchNormalization({ momentum: 0.5, epsilon: 1e-3 });
    layer.build([null, 2]);
    // x: column 0 has mean 2 and variance 1, column 1 mean −1 and variance 4.
    const x = tf.tensor2d([1, -3, 3, 1], [2, 2]);
    const before = tf.memory().numTensors;
    const training = layer.apply(x, { training: true }) as tf.Tensor;
    const [one, four] = [Math.sqrt(1 + 1e-3), Math.sqrt(4 + 1e-3)];
    const expected = [(1 - 2) / one, (-3 + 1) / four, (3 - 2) / one, (1 + 1) / four];
    Array.from(training.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    // m̄ = 0 − (0 − m)·0.5, v̄ = 1 − (1 − v)·0.5.
    const [, , movingMean, movingVariance] = layer.getWeights();
    expect(Array.from(movingMean!.dataSync())).toEqual([1, -0.5]);
    expect(Array.from(movingVariance!.dataSync())).toEqual([1, 2.5]);
    const inference = layer.apply(x) as tf.Tensor;
    const moving = [1, -3, 3, 1].map((v, i) =>
      i % 2 === 0 ? (v - 1) / Math.sqrt(1 + 1e-3) : (v + 0.5) / Math.sqrt(2.5 + 1e-3),
    );
    Array.from(inference.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(moving[i]!, 5));
    tf.dispose([training, inference]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

it('serializes as tfjs-layers’ BatchNormalization, and a saved model loads in plain tfjs', async () => {
  const ours = batchNormalization({ momentum: 0.9, name: 'bn' });
  const theirs = tfl.layers.batchNormalization({ momentum: 0.9, name: 'bn' });
  expect(ours).toBeInstanceOf(BatchNormalization);
  expect(ours.getClassName()).toBe('BatchNormalization');
  expect(ours.getConfig()).toEqual(theirs.getConfig());
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ units: 4, inputShape: [3] }), ours],
  });
  const saved = model.toJSON(null, false) as { config: { layers: Array<{ class_name: string }> } };
  expect(saved.config.layers.map((l) => l.class_name)).toEqual(['Dense', 'BatchNormalization']);
  const loaded = await tfl.models.modelFromJSON({ modelTopology: saved } as never);
  expect(loaded.layers[1]!.getClassName()).toBe('BatchNormalization');
  expect(loaded.layers[1]).not.toBeInstanceOf(BatchNormalization);
  model.dispose();
  loaded.dispose();
});
