// A tfjs user sweeping their own model with @snn/sweep: learning rate × hidden units on two
// synthetic data sets, every configuration seeded, stored in runs/two-moons/store.jsonl.
// Run it twice: the second run trains nothing and prints the same table.
//   node examples/sweep-tfjs-model.mjs
import '@tensorflow/tfjs-backend-cpu';
import { expandAxes, mulberry32, pointId, runSweep, taskSeed } from '@snn/sweep';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

await tf.setBackend('cpu');
const seed = 1;

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

const units = { clean: 0.1, noisy: 0.6 };
const tasks = Object.keys(units).flatMap((unit) =>
  expandAxes({ lr: [0.3, 0.03], hidden: [4, 16] }).map((point) => {
    const key = `${unit}/${pointId(point)}`;
    return { key, unit, ...point, seed: taskSeed(seed, key) };
  }),
);

async function train(task, data) {
  const init = (s) => tfl.initializers.glorotUniform({ seed: s });
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [2],
        units: task.hidden,
        activation: 'selu',
        kernelInitializer: init(task.seed),
      }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(task.seed + 1) }),
    ],
  });
  model.compile({
    optimizer: tf.train.sgd(task.lr),
    loss: 'binaryCrossentropy',
    metrics: ['accuracy'],
  });
  const x = tf.tensor2d(data.x, [data.n, 2]);
  const y = tf.tensor2d(data.y, [data.n, 1]);
  const history = await model.fit(x, y, { epochs: 30, batchSize: 20, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
  model.dispose();
  const accuracy = history.history.acc.map(Number);
  return {
    type: 'result',
    key: task.key,
    loss: history.history.loss.map(Number),
    accuracy: accuracy.at(-1),
  };
}

const summary = await runSweep({
  outDir: 'runs/two-moons',
  header: { type: 'run', benchmark: 'two-moons', fingerprint: { seed, epochs: 30 } },
  tasks,
  loadUnit: async (unit) => twoMoons(units[unit]),
  train,
});
console.log(`trained ${summary.trained}, resumed ${summary.resumed}, complete ${summary.complete}`);
for (const r of summary.records.sort((a, b) => (a.key < b.key ? -1 : 1))) {
  console.log(
    `${r.key.padEnd(24)} final loss ${r.loss.at(-1).toFixed(4)}  accuracy ${r.accuracy.toFixed(3)}`,
  );
}
