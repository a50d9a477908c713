// Watches per-layer activation statistics while model.fit trains, and once from a custom loop.
// Run from the repository root after `pnpm build`: node packages/snn-layers/examples/monitor.mjs
import '@tensorflow/tfjs-backend-wasm';
import { buildFnn, normalizationMonitor } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';

await tf.setBackend('wasm');
const x = tf.randomNormal([512, 16], 0, 1, 'float32', 7);
const y = tf.tidy(() =>
  tf.cast(
    tf.oneHot(tf.argMax(tf.matMul(x, tf.randomNormal([16, 3], 0, 1, 'float32', 8)), 1), 3),
    'float32',
  ),
);

for (const architecture of ['snn', 'msra']) {
  const model = buildFnn({
    architecture,
    inputDim: 16,
    outputDim: 3,
    depth: 8,
    width: 64,
    seed: 3,
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const monitor = normalizationMonitor({
    every: 4, // after epochs 3, 7 and 11 (tfjs counts epochs from 0)
    onReport: ({ epoch, layers, outOfDomain }) => {
      const means = layers.map((l) => l.mean.toFixed(2)).join(' ');
      const variances = layers.map((l) => l.variance.toFixed(2)).join(' ');
      console.log(`${architecture} epoch ${epoch}: ${outOfDomain.length}/${layers.length} outside`);
      console.log(`  means     ${means}\n  variances ${variances}`);
    },
  });
  await model.fit(x, y, {
    epochs: 12,
    batchSize: 64,
    shuffle: false,
    verbose: 0,
    callbacks: [monitor],
  });
  // The same measurement from a custom training loop:
  const report = await monitor.report(model, 12);
  console.log(`${architecture} outside the domain: [${report.outOfDomain.join(', ')}]`);
  monitor.dispose();
  model.optimizer.dispose();
  model.dispose();
}
tf.dispose([x, y]);
