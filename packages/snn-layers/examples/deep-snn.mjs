// A depth-32, width-784 SNN keeps its activations at mean ≈ 0, variance ≈ 1 (paper, Theorem 1).
// Run from the repository root after `pnpm build`: node packages/snn-layers/examples/deep-snn.mjs
import '@tensorflow/tfjs-backend-wasm';
import { activationStats, buildFnn } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';

await tf.setBackend('wasm');
const model = buildFnn({
  architecture: 'snn',
  inputDim: 784,
  outputDim: 10,
  depth: 32,
  width: 784,
  seed: 1,
});
const x = tf.randomNormal([256, 784], 0, 1, 'float32', 2); // standardized inputs
const stats = await activationStats(model, x);
for (const { name, mean, variance } of stats.filter((_, i) => i % 8 === 0 || i === 31)) {
  console.log(
    `${name.padEnd(9)} mean ${mean.toFixed(4).padStart(7)}  variance ${variance.toFixed(4)}`,
  );
}
const means = stats.map((s) => Math.abs(s.mean));
const variances = stats.map((s) => s.variance);
console.log(
  `all 32 layers: |mean| ≤ ${Math.max(...means).toFixed(4)}, variance in [${Math.min(...variances).toFixed(4)}, ${Math.max(...variances).toFixed(4)}]`,
);
x.dispose();
model.dispose();
