// The README's example: node packages/runtime/examples/train-figure1.mjs (after `pnpm build`).
import { evaluateLoss, selectBackend, trainModel } from '@snn/runtime';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

const choice = await selectBackend('auto', { log: console.log });

// Figure 1 of the paper: 784 → 8 × Dense(784, SELU) → Dense(10, softmax), weights N(0, 1/784).
const init = () => tfl.initializers.randomNormal({ stddev: Math.sqrt(1 / 784), seed: 1 });
const model = tfl.sequential();
for (let i = 0; i < 8; i++) {
  const inputShape = i === 0 ? [784] : undefined;
  model.add(
    tfl.layers.dense({ units: 784, activation: 'selu', inputShape, kernelInitializer: init() }),
  );
}
model.add(tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init() }));

// Toy data: 2048 examples whose class is the index of the largest of their first 10 inputs.
const x = tf.randomNormal([2048, 784], 0, 1, 'float32', 7);
const y = tf.oneHot(tf.argMax(tf.slice(x, [0, 0], [-1, 10]), 1), 10);

const start = performance.now();
const result = await trainModel(model, x, y, {
  epochs: 3,
  batchSize: 128,
  optimizer: tf.train.sgd(0.05),
  loss: 'categoricalCrossentropy',
  seed: 1,
  onEpochEnd: (epoch, { loss }) =>
    console.log(`epoch ${epoch}: mean batch loss ${loss.toFixed(4)}`),
});
const msPerStep = (performance.now() - start) / (result.epochsRun * 16);
console.log(`${result.stopReason} on ${choice.name}: ${msPerStep.toFixed(0)} ms per step`);
const loss = await evaluateLoss(model, x, y, 'categoricalCrossentropy');
console.log(`training-set loss, inference mode: ${loss.toFixed(4)}`);
