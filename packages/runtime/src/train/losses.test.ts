// References: the Keras formulas by hand (float64) and tfjs-layers' own metrics implementation of
// the same losses (an implementation independent of ours).
import * as tf from '@tensorflow/tfjs-core';
import { metrics } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import { LOSS_EPSILON, perExampleLoss, resolveLoss } from './losses';

const probs = [
  [0.7, 0.2, 0.1],
  [0.05, 0.05, 0.9],
  [0.3, 0.3, 0.4],
  [1, 0, 0],
];
const oneHot = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [0, 1, 0],
];
const labels = [0, 1, 2, 1];

describeEachBackend('perExampleLoss', () => {
  it('categorical cross-entropy is −log p of the true class, clipped at ε', () => {
    const got = tf.tidy(() =>
      perExampleLoss(
        'categoricalCrossentropy',
        tf.tensor2d(oneHot),
        tf.tensor2d(probs),
      ).arraySync(),
    );
    const want = [-Math.log(0.7), -Math.log(0.05), -Math.log(0.4), -Math.log(LOSS_EPSILON)];
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
  });

  it('sparse categorical cross-entropy equals the one-hot version', () => {
    const [sparse, dense] = tf.tidy(() => [
      perExampleLoss(
        'sparseCategoricalCrossentropy',
        tf.tensor1d(labels, 'int32'),
        tf.tensor2d(probs),
      ).arraySync(),
      perExampleLoss(
        'categoricalCrossentropy',
        tf.tensor2d(oneHot),
        tf.tensor2d(probs),
      ).arraySync(),
    ]);
    expect(sparse).toEqual(dense);
  });

  it('matches tfjs-layers metrics for categorical, binary and mean squared error', () => {
    tf.tidy(() => {
      const yTrue = tf.tensor2d(oneHot);
      const yPred = tf.tensor2d([
        [0.6, 0.3, 0.1],
        [0.2, 0.5, 0.3],
        [0.25, 0.25, 0.5],
        [0.1, 0.8, 0.1],
      ]);
      const pairs: Array<
        [Parameters<typeof perExampleLoss>[0], (a: tf.Tensor, b: tf.Tensor) => tf.Tensor]
      > = [
        ['categoricalCrossentropy', metrics.categoricalCrossentropy],
        ['binaryCrossentropy', metrics.binaryCrossentropy],
        ['meanSquaredError', metrics.meanSquaredError],
      ];
      for (const [name, reference] of pairs) {
        const got = perExampleLoss(name, yTrue, yPred).dataSync();
        const want = reference(yTrue, yPred).dataSync();
        for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
      }
    });
  });

  it('binary cross-entropy and MSE by hand', () => {
    const [bce, mse] = tf.tidy(() => [
      perExampleLoss(
        'binaryCrossentropy',
        tf.tensor2d([[1, 0]]),
        tf.tensor2d([[0.8, 0.4]]),
      ).arraySync(),
      perExampleLoss(
        'meanSquaredError',
        tf.tensor2d([[1, 2]]),
        tf.tensor2d([[0.5, 3]]),
      ).arraySync(),
    ]);
    expect(bce[0]).toBeCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, 6);
    expect(mse[0]).toBeCloseTo((0.25 + 1) / 2, 6);
  });

  it('resolveLoss gives the batch mean and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const value = tf.tidy(
      () =>
        resolveLoss('meanSquaredError', 'test')(
          tf.tensor2d([[1], [3]]),
          tf.tensor2d([[0], [0]]),
        ).dataSync()[0],
    );
    expect(value).toBeCloseTo(5, 6);
    expect(tf.memory().numTensors).toBe(before);
  });
});

it('resolveLoss rejects an unknown name', () => {
  expect(() => resolveLoss('hinge' as never, 'trainModel')).toThrow(
    /trainModel: `loss` must be one of categoricalCrossentropy, .* or a function/,
  );
});
