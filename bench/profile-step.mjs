// Where a training step's time goes, kernel by kernel: trains the Figure-1 network (or the
// UCI-shaped one) on one backend with every kernel of that backend wrapped in a timer, and prints
// each kernel's calls and milliseconds per step and the share of the step outside kernels
// (autodiff tape, tensor bookkeeping, JavaScript). Kernels run synchronously on wasm, cpu and
// snn-native, so the wall time of a call is its cost.
//
// With --arch, the network is instead one of the paper's seven architectures as `snn uci` builds
// it (`buildFnn` of @snn/snn-layers; width 256, batch 32, 30 inputs, 2 classes, one thread, as a
// worker of the table1-small grid runs it).
//
//   node bench/profile-step.mjs snn-native 8        # backend, depth [, steps]
//   node bench/profile-step.mjs snn-wasm 32 5
//   node bench/profile-step.mjs snn-native 16 40 --arch=batchnorm
import * as tf from '@tensorflow/tfjs-core';
import { CLASSES, WIDTH } from './lib/figure1.mjs';
import { network } from './lib/network.mjs';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const arch = process.argv.find((a) => a.startsWith('--arch='))?.split('=')[1];
const [backendName = 'snn-native', depthArg = '8', stepsArg = '10'] = positional;
const depth = Number(depthArg);
const steps = Number(stepsArg);
const shape =
  arch == null
    ? { batch: 128, inputs: WIDTH, classes: CLASSES }
    : { batch: 32, inputs: 30, classes: 2, width: 256 };
const { batch } = shape;
const { selectBackend, trainModel } = await import('../packages/runtime/dist/index.js');
await selectBackend(backendName, arch == null ? {} : { threads: 1 });
const backend = tf.getBackend();

/** kernel name → [calls, ms] while `recording`. */
const totals = new Map();
let recording = false;
for (const config of tf.getKernelsForBackend(backend)) {
  const { kernelFunc } = config;
  tf.unregisterKernel(config.kernelName, backend);
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      if (!recording) return kernelFunc(args);
      const start = performance.now();
      const out = kernelFunc(args);
      const entry = totals.get(config.kernelName) ?? [0, 0];
      entry[0] += 1;
      entry[1] += performance.now() - start;
      totals.set(config.kernelName, entry);
      return out;
    },
  });
}

const model =
  arch == null
    ? network(depth)
    : (await import('../packages/snn-layers/dist/index.js')).buildFnn({
        architecture: arch,
        inputDim: shape.inputs,
        outputDim: shape.classes,
        depth,
        width: shape.width,
        shape: 'rectangular',
        dropoutRate: 0,
        outputActivation: 'softmax',
        l2: 0,
        seed: 1,
      });
const warmup = 3;
const n = batch * (warmup + steps);
const x = tf.randomNormal([n, shape.inputs], 0, 1, 'float32', 2);
const y = tf.tidy(() =>
  tf.oneHot(tf.randomUniform([n], 0, shape.classes, 'int32', 3), shape.classes),
);
const ends = [];
await trainModel(model, x, y, {
  epochs: 1,
  batchSize: batch,
  optimizer: tf.train.sgd(0.01),
  loss: 'categoricalCrossentropy',
  seed: 1,
  onBatchEnd: () => {
    ends.push(performance.now());
    recording = ends.length >= warmup;
  },
});
const stepMs = (ends[ends.length - 1] - ends[warmup - 1]) / steps;
const rows = [...totals].sort((a, b) => b[1][1] - a[1][1]);
const kernelMs = rows.reduce((sum, [, [, ms]]) => sum + ms, 0) / steps;
console.log(
  `${backend}, ${arch ?? 'Figure-1 network'}, depth ${depth}, batch ${batch}: ${stepMs.toFixed(1)} ms/step, kernels ${kernelMs.toFixed(1)} ms (${((100 * kernelMs) / stepMs).toFixed(0)} %), outside kernels ${(stepMs - kernelMs).toFixed(1)} ms`,
);
console.log('| kernel | calls/step | ms/step | % of step |');
console.log('|---|--:|--:|--:|');
for (const [name, [calls, ms]] of rows) {
  const perStep = ms / steps;
  if (perStep < 0.05) continue;
  console.log(
    `| ${name} | ${(calls / steps).toFixed(0)} | ${perStep.toFixed(2)} | ${((100 * perStep) / stepMs).toFixed(1)} |`,
  );
}
