// Builds each of the paper's seven network types (depth 8, width 64), trains it for 12 epochs of
// SGD on a synthetic 3-class task and prints the loss before and after, plus the activation
// statistics of the untrained network on standardized inputs.
// Run from the repository root after `pnpm build`:
//   node packages/snn-layers/examples/seven-architectures.mjs
import '@tensorflow/tfjs-backend-wasm';
import { ARCHITECTURES, activationStats, buildFnn } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';

await tf.setBackend('wasm');
const x = tf.randomNormal([512, 16], 0, 1, 'float32', 7);
const teacher = tf.randomNormal([16, 3], 0, 1, 'float32', 8);
const y = tf.tidy(() => tf.cast(tf.oneHot(tf.argMax(tf.matMul(x, teacher), 1), 3), 'float32'));

const extra = {
  snn: { dropoutRate: 0.05 }, // alpha dropout
  msra: {},
  layernorm: {},
  highway: {},
  resnet: { blockShape: 'diavolo', bottleneck: 0.25 },
  weightnorm: {},
  batchnorm: {},
};

console.log('architecture  params  loss before → after   hidden mean range   variance range');
for (const architecture of ARCHITECTURES) {
  const model = buildFnn({
    architecture,
    inputDim: 16,
    outputDim: 3,
    depth: 8,
    width: 64,
    seed: 3,
    ...extra[architecture],
  });
  const stats = await activationStats(model, x);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const loss = async () => {
    const value = model.evaluate(x, y, { batchSize: 512 });
    const result = (await value.data())[0];
    value.dispose();
    return result;
  };
  const before = await loss();
  await model.fit(x, y, { epochs: 12, batchSize: 64, shuffle: false, verbose: 0 });
  const after = await loss();
  const range = (values) =>
    `[${Math.min(...values).toFixed(2)}, ${Math.max(...values).toFixed(2)}]`.padEnd(18);
  console.log(
    `${architecture.padEnd(12)} ${String(model.countParams()).padStart(7)}  ${before.toFixed(3)} → ${after.toFixed(3)}       ${range(stats.map((s) => s.mean))}  ${range(stats.map((s) => s.variance))}`,
  );
  model.optimizer.dispose();
  model.dispose();
}
tf.dispose([x, teacher, y]);
