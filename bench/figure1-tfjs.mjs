// One benchmark configuration in its own process (so that peak RSS is its own): trains or runs
// inference on the Figure-1 network (or, task `uci`, trains the UCI-shaped one) with one tfjs
// backend and prints one `RESULT {json}` line with the step durations. Exit code 3: the backend
// is not available here (the line says why).
//
//   node bench/figure1-tfjs.mjs '{"name":"snn-native","backend":"snn-native","task":"train","depth":8,"batch":128,"steps":20,"warmup":3}'
import * as tf from '@tensorflow/tfjs-core';
import { CLASSES, WIDTH } from './lib/figure1.mjs';
import { network } from './lib/network.mjs';
import { webGpuBreakdown } from './lib/webgpu-breakdown.mjs';

const config = JSON.parse(process.argv[2]);
const { SnnError, fastWasmThreads, nativeInfo, selectBackend, trainModel, webGpuInfo } =
  await import('../packages/runtime/dist/index.js');

try {
  await selectBackend(config.backend, config.threads != null ? { threads: config.threads } : {});
} catch (error) {
  if (!(error instanceof SnnError)) throw error;
  console.log(`UNAVAILABLE ${error.message}`);
  process.exit(3);
}

const { task, depth, batch, steps, warmup, width = WIDTH, classes = CLASSES } = config;
const model = network(depth, width, classes);
let durations;

if (task === 'train' || task === 'uci') {
  // One epoch of exactly warmup + steps batches through the package's training loop; the time of
  // step i is the interval between the ends of steps i − 1 and i (kernels run synchronously on
  // wasm and cpu, and tfjs-node's are synchronous too). On webgpu kernels run asynchronously, so
  // the loop reads the running loss (4 bytes) after every step: each interval then holds a
  // whole step, the GPU's work included.
  const n = batch * (warmup + steps);
  const x = tf.randomNormal([n, width], 0, 1, 'float32', 2);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([n], 0, classes, 'int32', 3), classes));
  const ends = [];
  const result = await trainModel(model, x, y, {
    epochs: 1,
    batchSize: batch,
    optimizer: tf.train.sgd(0.01),
    loss: 'categoricalCrossentropy',
    seed: 1,
    ...(tf.getBackend() === 'webgpu' ? { lossEvery: 1 } : {}),
    onBatchEnd: () => ends.push(performance.now()),
  });
  if (!Number.isFinite(result.losses[0])) throw new Error(`loss is ${result.losses[0]}`);
  durations = ends
    .slice(1)
    .map((t, i) => t - ends[i])
    .slice(-steps);
} else {
  const x = tf.randomNormal([batch, width], 0, 1, 'float32', 2);
  durations = [];
  for (let i = 0; i < warmup + steps; i++) {
    const start = performance.now();
    const out = model.predict(x, { batchSize: batch });
    await out.data();
    out.dispose();
    if (i >= warmup) durations.push(performance.now() - start);
  }
}

const backend = tf.getBackend();
const extra =
  backend === 'snn-wasm'
    ? { threads: fastWasmThreads() }
    : backend === 'snn-native'
      ? { threads: nativeInfo().threads, blas: nativeInfo().blas }
      : backend === 'webgpu'
        ? {
            adapter: webGpuInfo(),
            ...(task === 'train'
              ? { breakdown: await webGpuBreakdown(model, { batch, width, classes }) }
              : {}),
          }
        : {};
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`RESULT ${JSON.stringify({ backend, durations, peakRssMb, extra })}`);
