// tfjs's own tf.layers.alphaDropout next to ours, in training mode, on 1e6 seeded N(0,1) samples
// (the numbers in the README's "Why not tfjs's own"). Needs a build:
//   pnpm --filter @snn/selu build && node packages/selu/scripts/compare-tfjs-alpha-dropout.mjs
import '@tensorflow/tfjs-backend-cpu';
import { alphaDropoutAffine, alphaDropoutLayer } from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

await tf.setBackend('cpu');

function stats(values) {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, variance: ss / (values.length - 1) };
}

/** The value dropped units take: the most frequent output value. */
function droppedValue(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

const x = tf.randomNormal([1000, 1000], 0, 1, 'float32', 42);
const input = stats(x.dataSync());
console.log(
  `input: 1e6 N(0,1) samples, mean ${input.mean.toFixed(4)}, variance ${input.variance.toFixed(4)}`,
);
console.log('rate | layer                       | mean    | variance | dropped units set to');
for (const rate of [0.05, 0.1, 0.2]) {
  for (const [name, layer] of [
    ['tf.layers.alphaDropout', tfl.layers.alphaDropout({ rate })],
    ['@snn/selu alphaDropoutLayer', alphaDropoutLayer({ rate, seed: 1 })],
  ]) {
    const y = layer.apply(x, { training: true });
    const values = y.dataSync();
    const s = stats(values);
    console.log(
      `${rate.toFixed(2)} | ${name.padEnd(27)} | ${s.mean.toFixed(4).padStart(7)} | ${s.variance.toFixed(4).padStart(8)} | ${droppedValue(values).toFixed(4)}`,
    );
    y.dispose();
  }
}
const { droppedValue: expected, alphaPrime } = alphaDropoutAffine(0.1);
console.log(
  `paper at rate 0.1: α′ = −λα = ${alphaPrime.toFixed(4)}, dropped units → a·α′ + b = ${expected.toFixed(4)}`,
);
x.dispose();
