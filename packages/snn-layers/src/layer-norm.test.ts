import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { values } from '../../../test/deterministic-values';
import { LayerNorm, layerNorm } from './layer-norm';
import './register';

const BATCH = 3;
const FEATURES = 5;

describeEachBackend('LayerNorm', () => {
  it('computes γ·(x − μ)/√(σ² + ε) + β per sample, as written out by hand', () => {
    const layer = layerNorm({ epsilon: 1e-3 });
    layer.build([null, FEATURES]);
    const gamma = values(FEATURES, 1).map((v) => 1 + v);
    const beta = values(FEATURES, 2);
    layer.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta)]);
    const x = values(BATCH * FEATURES, 3).map((v, i) => 2 * v + i * 0.1);
    const expected: number[] = [];
    for (let n = 0; n < BATCH; n++) {
      const row = x.slice(n * FEATURES, (n + 1) * FEATURES);
      const mean = row.reduce((a, b) => a + b, 0) / FEATURES;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / FEATURES;
      row.forEach((v, j) =>
        expected.push((gamma[j]! * (v - mean)) / Math.sqrt(variance + 1e-3) + beta[j]!),
      );
    }
    const xt = tf.tensor2d(x, [BATCH, FEATURES]);
    const before = tf.memory().numTensors;
    const y = layer.apply(xt) as tf.Tensor;
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    xt.dispose();
  });

  it('matches tf.layers.layerNormalization, forward and gradient', () => {
    const ours = layerNorm();
    const theirs = layers.layerNormalization();
    ours.build([null, FEATURES]);
    theirs.build([null, FEATURES]);
    const gamma = tf.tensor1d(values(FEATURES, 4));
    const beta = tf.tensor1d(values(FEATURES, 5));
    ours.setWeights([gamma, beta]);
    theirs.setWeights([gamma, beta]);
    const x = tf.tensor2d(values(BATCH * FEATURES, 6), [BATCH, FEATURES]);
    const weight = tf.tensor2d(values(BATCH * FEATURES, 7), [BATCH, FEATURES]);
    const gradOf = (layer: typeof ours | typeof theirs) =>
      tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, weight)))(x);
    const [a, b] = [ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor];
    const [ga, gb] = [gradOf(ours), gradOf(theirs)];
    const close = (p: tf.Tensor, q: tf.Tensor) =>
      Array.from(p.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(q.dataSync()[i]!, 4));
    close(a, b);
    close(ga, gb);
    tf.dispose([gamma, beta, x, weight, a, b, ga, gb]);
  });
});

it('LayerNorm getConfig/fromConfig round-trips every argument', () => {
  const layer = layerNorm({ epsilon: 1e-5, name: 'ln' });
  const config = layer.getConfig();
  const copy = LayerNorm.fromConfig(LayerNorm, JSON.parse(JSON.stringify(config)));
  expect(copy.getConfig()).toEqual(config);
  expect(config).toMatchObject({ epsilon: 1e-5, name: 'ln' });
});

it('LayerNorm rejects a bad epsilon with an SnnError', () => {
  expect(() => layerNorm({ epsilon: 0 })).toThrow(SnnError);
});
