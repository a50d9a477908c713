// A tfjs user sweeping their own model with @snn/sweep: learning rate × hidden units on two
// synthetic data sets, every trial seeded, stored in runs/two-moons/store.jsonl (or the folder
// given as the first argument). Run it twice: the second run trains nothing and prints the same
// table.
//   node examples/sweep-tfjs-model.mjs [out-folder]
import '@tensorflow/tfjs-backend-cpu';
import { mulberry32, sweep, taskSeed } from '@snn/sweep';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

await tf.setBackend('cpu');
const seed = 1;
const epochs = 30;

// Two moons with a little noise; `noise` is the only difference between the two units.
function twoMoons(noise, n = 200) {
  const random = mulberry32(taskSeed(seed, `data/${noise}`));
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const upper = i % 2 === 0;
    const angle = Math.PI * random();
    x[2 * i] = (upper ? Math.cos(angle) : 1 - Math.cos(angle)) + noise * (random() - 0.5);
    x[2 * i + 1] = (upper ? Math.sin(angle) : 0.5 - Math.sin(angle)) + noise * (random() - 0.5);
    y[i] = upper ? 1 : 0;
  }
  return { x, y, n };
}

// One trial: build, fit and dispose a model; every random choice comes from the trial's seed.
async function train(config, data, { seed }) {
  const init = (s) => tfl.initializers.glorotUniform({ seed: s });
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [2],
        units: config.hidden,
        activation: 'selu',
        kernelInitializer: init(seed),
      }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(seed + 1) }),
    ],
  });
  model.compile({
    optimizer: tf.train.sgd(config.lr),
    loss: 'binaryCrossentropy',
    metrics: ['accuracy'],
  });
  const x = tf.tensor2d(data.x, [data.n, 2]);
  const y = tf.tensor2d(data.y, [data.n, 1]);
  const history = await model.fit(x, y, { epochs, batchSize: 20, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
  model.dispose();
  return { loss: history.history.loss.at(-1), accuracy: history.history.acc.at(-1) };
}

const result = await sweep({
  name: 'two-moons',
  outDir: process.argv[2] ?? 'runs/two-moons',
  space: { lr: [0.3, 0.03], hidden: [4, 16] },
  units: { clean: () => twoMoons(0.1), noisy: () => twoMoons(0.6) },
  seed,
  fingerprint: { epochs },
  train,
});
console.log(`trained ${result.trained}, resumed ${result.resumed}, complete ${result.complete}`);
for (const { key, metrics } of result.trials) {
  console.log(
    `${key.padEnd(24)} loss ${metrics.loss.toFixed(4)}  accuracy ${metrics.accuracy.toFixed(3)}`,
  );
}
