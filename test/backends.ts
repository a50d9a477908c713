/**
 * Runs a numerical suite once per tfjs backend available in Node (cpu, wasm and the fast wasm
 * backend of @snn/runtime, single-threaded here); the browser suite runs the same specs on webgl.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe } from 'vitest';
import { enableFastWasm } from '../packages/runtime/src/fast-wasm';

export const NODE_BACKENDS = ['cpu', 'wasm', 'snn-wasm'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

export function describeEachBackend(
  title: string,
  suite: (backend: NodeBackend) => void,
  backends: readonly NodeBackend[] = NODE_BACKENDS,
): void {
  for (const backend of backends) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        if (backend === 'snn-wasm') await enableFastWasm({ threads: 1 });
        const ok = await tf.setBackend(backend);
        if (!ok) throw new Error(`backend ${backend} failed to initialise`);
        await tf.ready();
      });
      suite(backend);
    });
  }
}
