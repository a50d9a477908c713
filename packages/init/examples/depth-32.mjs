// 32 × [Dense(784) + SELU] at initialization: @snn/init's lecunNormal against tfjs's leCunNormal.
// Run after building: node packages/init/examples/depth-32.mjs
import '@tensorflow/tfjs-backend-wasm';
import { lecunNormal, weightMoments } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

await tf.setBackend('wasm');

// One kernel: Var(w)·fanIn and the per-unit moments ω = Σw, τ = Σw² the theory depends on.
for (const [name, init] of [
  ['@snn/init lecunNormal', lecunNormal({ seed: 1 })],
  ['tfjs leCunNormal     ', tfl.initializers.leCunNormal({ seed: 1 })],
]) {
  const w = init.apply([784, 784]);
  const { variance } = tf.moments(w);
  const m = weightMoments(w);
  const varTimesFanIn = (variance.dataSync()[0] * 784).toFixed(3);
  const tau = m.tau.mean.toFixed(3);
  console.log(
    `${name}  Var(w)·fanIn = ${varTimesFanIn}  mean τ = ${tau}  in domain: ${m.inDomain}`,
  );
  tf.dispose([w, variance]);
}

// Activation variance through 32 Dense + SELU layers (zero bias) on N(0, 1) inputs.
function activationVariances(makeInit) {
  const input = tfl.input({ shape: [784] });
  const outputs = [];
  let h = input;
  for (let i = 0; i < 32; i++) {
    const dense = tfl.layers.dense({
      units: 784,
      activation: 'selu',
      kernelInitializer: makeInit(i),
    });
    h = dense.apply(h);
    outputs.push(h);
  }
  const model = tfl.model({ inputs: input, outputs });
  const variances = tf.tidy(() => {
    const ys = model.predict(tf.randomNormal([512, 784], 0, 1, 'float32', 2017));
    return ys.map((y) => tf.moments(y).variance.dataSync()[0]);
  });
  model.dispose();
  return variances;
}

const ours = activationVariances((i) => lecunNormal({ seed: 1000 + i }));
const theirs = activationVariances((i) => tfl.initializers.leCunNormal({ seed: 1000 + i }));
console.log('layer   @snn/init   tfjs');
for (const layer of [1, 2, 4, 8, 16, 32]) {
  const row = [ours[layer - 1], theirs[layer - 1]].map((v) => v.toFixed(3).padStart(9));
  console.log(`${String(layer).padStart(5)}  ${row.join('  ')}`);
}
