// Loads Keras SNN model JSON (Keras 2.15 and Keras 3) with useKerasSnn, checks it with
// diagnoseModel, and writes a tfjs SNN back in Keras' format with toKerasJson.
// Run from the repository root after `pnpm build`: node packages/snn-layers/examples/keras-snn.mjs
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { buildFnn, diagnoseModel, toKerasJson, useKerasSnn } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

await tf.setBackend('cpu');
const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../src/fixtures/${name}`, import.meta.url), 'utf8'));

const restore = useKerasSnn();
for (const [format, json] of [
  ['Keras 2.15 (tfjs converter model.json)', fixture('keras2-snn-model.json').modelTopology],
  ['Keras 3 (config.json of a .keras file)', fixture('keras3-snn-config.json')],
]) {
  const model = await tfl.models.modelFromJSON(json);
  const { findings, layers } = await diagnoseModel(model);
  const dense = layers.filter((l) => l.weights !== null);
  console.log(`${format}: ${findings.length} findings`);
  for (const l of dense) {
    console.log(
      `  ${l.name.padEnd(8)} ${l.initializer.padEnd(13)} Var(w)·fan_in ≈ τ = ${l.weights.tau.toFixed(3)}`,
    );
  }
  console.log(
    `  ${layers.find((l) => l.dropout !== null).name}: ${layers.find((l) => l.dropout !== null).dropout} dropout`,
  );
  model.dispose();
}
restore();

// A Keras-style SELU stack with two mistakes: He weights and plain Dropout.
const broken = tfl.sequential({
  layers: [
    tfl.layers.dense({
      units: 64,
      inputShape: [16],
      activation: 'selu',
      kernelInitializer: 'heNormal',
      name: 'dense',
    }),
    tfl.layers.dropout({ rate: 0.1, name: 'dropout' }),
    tfl.layers.dense({
      units: 64,
      activation: 'selu',
      kernelInitializer: 'heNormal',
      name: 'dense_1',
    }),
    tfl.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }),
  ],
});
for (const f of (await diagnoseModel(broken)).findings) {
  console.log(`${f.level} ${f.code} at ${f.layer}`);
}

const snn = buildFnn({
  architecture: 'snn',
  inputDim: 16,
  outputDim: 2,
  depth: 2,
  width: 32,
  dropoutRate: 0.05,
  seed: 1,
});
const keras = toKerasJson(snn);
console.log(keras.config.layers.map((l) => l.class_name).join(' → '));
