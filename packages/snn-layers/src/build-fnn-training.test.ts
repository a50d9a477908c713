import * as tf from '@tensorflow/tfjs-core';
import { train } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { ARCHITECTURES } from './architectures';
import { buildFnn } from './build-fnn';

const SAMPLES = 512;
const FEATURES = 16;
const CLASSES = 3;
const EPOCHS = 12;
const BATCH = 64;
const LEARNING_RATE = 0.1;

/**
 * A seeded synthetic 3-class task: x ~ N(0, 1) (standardized, as an SNN expects) and the class of
 * a fixed random linear teacher, argmax(x·W). tfjs draws seeded random numbers in JavaScript, so
 * every backend sees the same data.
 */
function syntheticTask(): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([SAMPLES, FEATURES], 0, 1, 'float32', 7) as tf.Tensor2D;
    const teacher = tf.randomNormal([FEATURES, CLASSES], 0, 1, 'float32', 8) as tf.Tensor2D;
    const labels = tf.argMax(tf.matMul(x, teacher), 1) as tf.Tensor1D;
    return { x, y: tf.cast(tf.oneHot(labels, CLASSES), 'float32') as tf.Tensor2D };
  });
}

/** One batch of N(0, 1) inputs and one-hot random labels, drawn from the two seeds. */
function seededBatch(xSeed: number, ySeed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([BATCH, FEATURES], 0, 1, 'float32', xSeed) as tf.Tensor2D;
    const labels = tf.randomUniformInt([BATCH], 0, CLASSES, ySeed) as tf.Tensor1D;
    return { x, y: tf.cast(tf.oneHot(labels, CLASSES), 'float32') as tf.Tensor2D };
  });
}

async function loss(model: LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<number> {
  const result = model.evaluate(x, y, { batchSize: SAMPLES }) as tf.Scalar;
  const value = (await result.data())[0]!;
  result.dispose();
  return value;
}

describeEachBackend('buildFnn trains', () => {
  let task: { x: tf.Tensor2D; y: tf.Tensor2D };
  beforeAll(() => {
    task = syntheticTask();
  });
  afterAll(() => tf.dispose([task.x, task.y]));

  for (const architecture of ARCHITECTURES) {
    it(`${architecture}: depth 8, width 64, SGD lowers the loss by ≥ 30 % in ${EPOCHS} epochs`, async () => {
      const before = tf.memory().numTensors;
      const model = buildFnn({
        architecture,
        inputDim: FEATURES,
        outputDim: CLASSES,
        depth: 8,
        width: 64,
        seed: 3,
      });
      model.compile({ optimizer: train.sgd(LEARNING_RATE), loss: 'categoricalCrossentropy' });
      const start = await loss(model, task.x, task.y);
      await model.fit(task.x, task.y, {
        epochs: EPOCHS,
        batchSize: BATCH,
        shuffle: false,
        verbose: 0,
      });
      const end = await loss(model, task.x, task.y);
      expect(Number.isFinite(end)).toBe(true);
      expect(end).toBeLessThanOrEqual(0.7 * start);
      model.optimizer.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describeEachBackend('buildFnn at depth 32', () => {
  for (const architecture of ARCHITECTURES) {
    it(`${architecture}: forward pass and one SGD step stay finite`, async () => {
      const before = tf.memory().numTensors;
      const model = buildFnn({
        architecture,
        inputDim: FEATURES,
        outputDim: CLASSES,
        depth: 32,
        width: 64,
        seed: 4,
      });
      model.compile({ optimizer: train.sgd(LEARNING_RATE), loss: 'categoricalCrossentropy' });
      const { x, y } = seededBatch(11, 12);
      const prediction = model.predict(x) as tf.Tensor;
      const finite = async (t: tf.Tensor) => (await t.data()).every(Number.isFinite);
      expect(await finite(prediction)).toBe(true);
      const stepLoss = (await model.trainOnBatch(x, y)) as number;
      expect(Number.isFinite(stepLoss)).toBe(true);
      for (const weight of model.getWeights()) expect(await finite(weight)).toBe(true);
      tf.dispose([x, y, prediction]);
      model.optimizer.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describeEachBackend('buildFnn with dropout is reproducible from its seed', () => {
  /** Weights after 3 SGD steps with input and hidden dropout, built and trained from `seed`. */
  async function trainedWeights(
    architecture: (typeof ARCHITECTURES)[number],
    seed: number,
    dropout = true,
  ) {
    const model = buildFnn({
      architecture,
      inputDim: FEATURES,
      outputDim: CLASSES,
      depth: 2,
      width: 16,
      dropoutRate: dropout ? 0.5 : 0,
      inputDropoutRate: dropout ? 0.2 : 0,
      seed,
    });
    model.compile({ optimizer: train.sgd(LEARNING_RATE), loss: 'categoricalCrossentropy' });
    const { x, y } = seededBatch(21, 22);
    const losses: number[] = [];
    for (let step = 0; step < 3; step++) losses.push((await model.trainOnBatch(x, y)) as number);
    const weights = await Promise.all(model.getWeights().map((w) => w.data()));
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
    return { losses, weights: weights.map((w) => Array.from(w)) };
  }

  for (const architecture of ARCHITECTURES) {
    it(`${architecture}: the same seed trains to identical weights, another seed does not`, async () => {
      const a = await trainedWeights(architecture, 3);
      const b = await trainedWeights(architecture, 3);
      const c = await trainedWeights(architecture, 4);
      const noDropout = await trainedWeights(architecture, 3, false);
      expect(b.losses).toEqual(a.losses);
      expect(b.weights).toEqual(a.weights);
      expect(c.weights).not.toEqual(a.weights);
      // Dropout is live: the same seed without it trains to other weights.
      expect(noDropout.weights).not.toEqual(a.weights);
    });
  }
});
