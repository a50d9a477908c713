import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { oneHotLabels, values } from '../../../test/deterministic-values';
import { fitWeights } from '../../../test/fit-weights';
import { Dense, dense } from './dense';
import './register';

/**
 * linear Dense → SELU → linear Dense → ReLU-Dense → softmax Dense, each Dense from `make`; fixed
 * initial weights, so two builds differ only in their Dense class.
 */
function network(
  make: (args: { units: number; activation?: 'relu' | 'softmax' }) => tfl.layers.Layer,
) {
  const model = tfl.sequential();
  model.add(tfl.layers.inputLayer({ inputShape: [10] }));
  model.add(make({ units: 24 }));
  model.add(tfl.layers.activation({ activation: 'selu' }));
  model.add(make({ units: 16 }));
  model.add(make({ units: 12, activation: 'relu' }));
  model.add(make({ units: 3, activation: 'softmax' }));
  model.setWeights(
    model.getWeights().map((w, i) => tf.tensor(values(w.size, i + 1), w.shape, 'float32')),
  );
  model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
  return model;
}

describeEachBackend('Dense', () => {
  it('trains as tf.layers.dense bit for bit, with a partial last batch', async () => {
    const rows = 75;
    const x = tf.tensor2d(values(rows * 10, 20), [rows, 10]);
    const labels = oneHotLabels(rows, 21, 3);
    const trained = [
      await fitWeights(network(tfl.layers.dense), x, labels),
      await fitWeights(network(dense), x, labels),
    ];
    // Every weight, bit patterns included.
    expect(trained[1]).toEqual(trained[0]);
    // Training moved the first kernel off its initial values.
    expect(trained[1]![0]).not.toEqual(Array.from(Float32Array.from(values(240, 1))));
    x.dispose();
    labels.dispose();
  });

  it('computes x·W + b as written out by hand', () => {
    const layer = dense({ units: 2, inputShape: [3] });
    layer.build([null, 3]);
    layer.setWeights([tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), tf.tensor1d([0.5, -1])]);
    const x = tf.tensor2d([1, 0, -1, 2, 1, 0.5], [2, 3]);
    const before = tf.memory().numTensors;
    const y = layer.apply(x) as tf.Tensor;
    // [1, 0, −1]·W = [1 − 5, 2 − 6], [2, 1, 0.5]·W = [2 + 3 + 2.5, 4 + 4 + 3].
    expect(Array.from(y.dataSync())).toEqual([-3.5, -5, 8, 10]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

it('serializes as tfjs-layers’ Dense, and a saved model loads in plain tfjs', async () => {
  const args = { units: 4, activation: 'relu' as const, name: 'd', inputShape: [3] };
  const ours = dense(args);
  const theirs = tfl.layers.dense(args);
  expect(ours).toBeInstanceOf(Dense);
  expect(ours.getClassName()).toBe('Dense');
  expect(ours.getConfig()).toEqual(theirs.getConfig());
  const model = tfl.sequential({ layers: [ours] });
  const saved = model.toJSON(null, false) as { config: { layers: Array<{ class_name: string }> } };
  expect(saved.config.layers.map((l) => l.class_name)).toEqual(['Dense']);
  const loaded = await tfl.models.modelFromJSON({ modelTopology: saved } as never);
  expect(loaded.layers[0]!.getClassName()).toBe('Dense');
  expect(loaded.layers[0]).not.toBeInstanceOf(Dense);
  model.dispose();
  loaded.dispose();
});
