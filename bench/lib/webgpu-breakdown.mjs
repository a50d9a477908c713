// Where a training step's time goes on the webgpu backend: the JavaScript that records it
// (dispatch), the GPU's work still running once recording ends (kernels), and reading one
// scalar back (readback). Used by figure1-tfjs.mjs, so that `pnpm bench` and bench/gpu-check.sh
// report it beside the step time.
import * as tf from '@tensorflow/tfjs-core';
import { summarize } from './figure1.mjs';

/**
 * Trains `model` for `steps` more steps (after `warmup`), one at a time with the GPU idle at the
 * start of each, and measures per step: `dispatchMs`, the JavaScript that records the step (tfjs
 * bookkeeping, autodiff, WGSL pipeline lookup, command encoding) outside `queue.submit`;
 * `submitMs`, the time inside `queue.submit` (tfjs submits every 15 passes) — where Dawn's OpenGL
 * ES backend runs the kernels, near 0 on Vulkan, Metal and D3D12, which run them on the GPU
 * meanwhile; `kernelsMs`, from the end of recording until the queue is done
 * (`onSubmittedWorkDone`), the GPU time not hidden behind dispatch; `readbackMs`, reading the
 * step's loss (4 bytes) with the GPU idle; and the compute passes (`dispatches`) per step.
 * Medians over the steps, in ms.
 *
 *     await webGpuBreakdown(model, { batch: 128, width: 784, classes: 10 });
 *     // { steps: 5, dispatches: 123, dispatchMs: …, submitMs: …, kernelsMs: …, readbackMs: …, totalMs: … }
 */
export async function webGpuBreakdown(model, { batch, width, classes, steps = 5, warmup = 1 }) {
  const backend = tf.backend();
  const device = backend.device;
  const x = tf.randomNormal([batch, width], 0, 1, 'float32', 4);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32', 5), classes));
  const optimizer = tf.train.sgd(0.01);
  // Categorical cross-entropy of the softmax output, as the timed steps train.
  const loss = () =>
    tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(model.apply(x, { training: true }), 1e-7))), 1)));
  let dispatches = 0;
  let submitMs = 0;
  const queue = backend.queue;
  const submit = queue.submit;
  // Dawn's OpenGL ES backend runs the commands inside queue.submit (llvmpipe: on the CPU);
  // Vulkan, Metal and D3D12 return at once and run them on the GPU meanwhile.
  queue.submit = function (...args) {
    const start = performance.now();
    try {
      return submit.apply(this, args);
    } finally {
      submitMs += performance.now() - start;
    }
  };
  const run = backend.runWebGPUProgram;
  backend.runWebGPUProgram = function (...args) {
    dispatches++;
    return run.apply(this, args);
  };
  const idle = async () => {
    backend.endComputePassEncoder();
    if (backend.commandEncoder != null) backend.submitQueue();
    await device.queue.onSubmittedWorkDone();
  };
  const rows = [];
  try {
    for (let i = 0; i < warmup + steps; i++) {
      await idle();
      dispatches = 0;
      submitMs = 0;
      const t0 = performance.now();
      const cost = optimizer.minimize(loss, true);
      backend.endComputePassEncoder();
      if (backend.commandEncoder != null) backend.submitQueue();
      const t1 = performance.now();
      await device.queue.onSubmittedWorkDone();
      const t2 = performance.now();
      await cost.data();
      const t3 = performance.now();
      cost.dispose();
      if (i >= warmup) {
        rows.push({
          dispatches,
          dispatch: t1 - t0 - submitMs,
          submit: submitMs,
          kernels: t2 - t1,
          readback: t3 - t2,
          total: t3 - t0,
        });
      }
    }
  } finally {
    backend.runWebGPUProgram = run;
    queue.submit = submit;
    tf.dispose([x, y]);
    optimizer.dispose();
  }
  const median = (key) => Math.round(summarize(rows.map((r) => r[key])).median * 100) / 100;
  return {
    steps,
    dispatches: median('dispatches'),
    dispatchMs: median('dispatch'),
    submitMs: median('submit'),
    kernelsMs: median('kernels'),
    readbackMs: median('readback'),
    totalMs: median('total'),
  };
}
