// The multithreaded 'snn-wasm' in Node (worker_threads). Reference: the tfjs cpu backend.
// Its own test file, so that the worker pool lives in this test process only.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients
import { beforeAll, describe, expect, it } from 'vitest';
import { SNN_WASM, enableFastWasm, fastWasmThreads } from './enable-fast-wasm';

const hadWorkerGlobal = Object.prototype.hasOwnProperty.call(globalThis, 'Worker');

describe(`'${SNN_WASM}' with 2 threads in Node`, () => {
  beforeAll(async () => {
    await enableFastWasm({ threads: 2 });
    await tf.setBackend(SNN_WASM);
  });

  it('runs XNNPACK on 2 threads, even where the C++ cap (half the logical cores) would give 1', () => {
    expect(fastWasmThreads()).toBe(2);
  });

  it('leaves no Worker global behind', () => {
    expect(Object.prototype.hasOwnProperty.call(globalThis, 'Worker')).toBe(hadWorkerGlobal);
  });

  it('computes a matmul and its gradients like the cpu backend', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const a = tf.randomNormal([96, 130], 0, 1, 'float32', 1);
        const b = tf.randomNormal([150, 130], 0, 1, 'float32', 2);
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, false, true)));
        const [ga, gb] = tf.grads(f)([a, b]);
        return [tf.matMul(a, b, false, true), ga!, gb!].map((t) => t.dataSync());
      });
    };
    const fast = await run(SNN_WASM);
    const cpu = await run('cpu');
    for (let i = 0; i < cpu.length; i++) {
      let worst = 0;
      let scale = 0;
      for (let j = 0; j < cpu[i]!.length; j++) {
        worst = Math.max(worst, Math.abs(fast[i]![j]! - cpu[i]![j]!));
        scale = Math.max(scale, Math.abs(cpu[i]![j]!));
      }
      // float32: relative error of sums of 130 (forward) to 150·130 (gradient) terms.
      expect(worst / scale).toBeLessThan(1e-5);
    }
  });
});
