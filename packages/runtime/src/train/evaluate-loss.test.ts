import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import { evaluateLoss } from './evaluate-loss';

const ROWS = 24;
const FEATURES = 5;
const EPSILON = 1e-3; // tfjs-layers' BatchNormalization default

/** Seeded, non-centred inputs with a different scale per feature: x_ij = (j + 1)·u_ij + j. */
function inputs(): { x: tf.Tensor2D; values: Float64Array } {
  const values = new Float64Array(ROWS * FEATURES);
  let state = 12345;
  for (let i = 0; i < values.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = i % FEATURES;
    values[i] = (j + 1) * (state / 2 ** 32 - 0.5) + j;
  }
  return { x: tf.tensor2d(Float32Array.from(values), [ROWS, FEATURES]), values };
}

/** A fresh BatchNormalization model: γ = 1, β = 0, moving mean 0, moving variance 1. */
function batchNorm(): tfl.LayersModel {
  return tfl.sequential({ layers: [tfl.layers.batchNormalization({ inputShape: [FEATURES] })] });
}

describeEachBackend('evaluateLoss', () => {
  it('in inference mode normalizes with the moving statistics: L = mean(x²)/(1 + ε)', async () => {
    const { x, values } = inputs();
    const y = tf.zeros([ROWS, FEATURES]);
    const model = batchNorm();
    const before = tf.memory().numTensors;
    const loss = await evaluateLoss(model, x, y, 'meanSquaredError', { batchSize: 7 });
    expect(tf.memory().numTensors).toBe(before);
    const expected = values.reduce((s, v) => s + v * v, 0) / values.length / (1 + EPSILON);
    expect(loss / expected).toBeCloseTo(1, 5);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('with training: true normalizes each batch by its own statistics', async () => {
    const { x, values } = inputs();
    const y = tf.zeros([ROWS, FEATURES]);
    const model = batchNorm();
    // One batch: the normalized z has mean z² = σ²/(σ² + ε) per feature (population variance).
    let expected = 0;
    for (let j = 0; j < FEATURES; j++) {
      const column = Array.from({ length: ROWS }, (_, i) => values[i * FEATURES + j]!);
      const mean = column.reduce((s, v) => s + v, 0) / ROWS;
      const variance = column.reduce((s, v) => s + (v - mean) ** 2, 0) / ROWS;
      expected += variance / (variance + EPSILON) / FEATURES;
    }
    const before = tf.memory().numTensors;
    const loss = await evaluateLoss(model, x, y, 'meanSquaredError', {
      batchSize: ROWS,
      training: true,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(loss).toBeCloseTo(expected, 5);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('is NaN when a prediction is not finite, even where the loss clips probabilities', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [Number.NaN, 0],
      [0, 1],
    ]);
    const y = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })],
    });
    expect(await evaluateLoss(model, x, y, 'categoricalCrossentropy', { batchSize: 2 })).toBeNaN();
    model.dispose();
    tf.dispose([x, y]);
  });
});
