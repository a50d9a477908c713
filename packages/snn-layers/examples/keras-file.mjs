// Reads a Keras 3 .keras file (the fixture written by scripts/make-keras-file-fixtures.py with
// h5py in Keras 3's layout) and checks its predictions against numpy's, then writes a tfjs SNN
// as a .keras file and reads it back.
// Run from the repository root after `pnpm build`: node packages/snn-layers/examples/keras-file.mjs
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { buildFnn, loadKerasFile, toKerasFile } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';

await tf.setBackend('cpu');
const fixtures = new URL('../src/fixtures/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('keras3-file-outputs.json', fixtures), 'utf8'));

const model = await loadKerasFile(new URL('keras3-snn.keras', fixtures).pathname);
console.log(model.layers.map((l) => l.getClassName()).join(' → '));
const { inputs, outputs } = expected['keras3-snn.keras'];
const y = model.predict(tf.tensor2d(inputs));
const gap = tf.max(tf.abs(tf.sub(y, tf.tensor2d(outputs)))).dataSync()[0];
console.log(`largest difference from numpy: ${gap.toExponential(1)}`);

const snn = buildFnn({
  architecture: 'snn',
  inputDim: 12,
  outputDim: 3,
  depth: 4,
  width: 32,
  seed: 1,
});
const bytes = await toKerasFile(snn);
const back = await loadKerasFile(bytes);
const same = snn
  .getWeights()
  .every((w, i) => w.dataSync().every((v, j) => Object.is(v, back.getWeights()[i].dataSync()[j])));
console.log(`wrote ${bytes.length} bytes; read back, weights identical: ${same}`);
