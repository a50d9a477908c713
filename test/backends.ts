/**
 * Runs a numerical suite once per tfjs backend available in Node (cpu, wasm, the fast wasm
 * backend of @snn/runtime, single-threaded here, its native backend when the addon of
 * @snn/backend-native loads, and tfjs's WebGPU backend with our kernels where Dawn finds an
 * adapter — on a machine without a GPU, Mesa's llvmpipe);
 * the browser suite runs the same specs on webgl.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe } from 'vitest';
import { loadNativeAddon } from '../packages/backend-native/src/native-addon';
import { enableNative } from '../packages/runtime/src/backends/snn-native';
import { enableFastWasm } from '../packages/runtime/src/backends/snn-wasm/enable-fast-wasm';
import { enableWebGpu } from '../packages/runtime/src/backends/webgpu/enable-webgpu';
import { requestWebGpuAdapter } from '../packages/runtime/src/backends/webgpu/request-adapter';

export const NODE_BACKENDS = ['cpu', 'wasm', 'snn-wasm', 'snn-native', 'webgpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/** Whether the `snn-native` addon loads here, and why not. */
export const nativeAddon = await loadNativeAddon();

/**
 * Whether a WebGPU adapter is found here (Dawn; on a machine without a GPU, Mesa's llvmpipe
 * through Dawn's OpenGL ES backend: `.ci/run` installs Mesa), and why not.
 */
export const webGpuAvailable = await requestWebGpuAdapter().then(
  (request) => (request.ok ? { ok: true as const } : { ok: false as const, why: request.why }),
  (error: unknown) => ({ ok: false as const, why: String(error) }),
);

export function describeEachBackend(
  title: string,
  suite: (backend: NodeBackend) => void,
  backends: readonly NodeBackend[] = NODE_BACKENDS,
): void {
  for (const backend of backends) {
    if (backend === 'snn-native' && !nativeAddon.ok) {
      // No addon built here (no C compiler or static BLAS at install): the title says why.
      describe.skip(`${title} [snn-native: skipped, ${nativeAddon.why}]`, () => suite(backend));
      continue;
    }
    if (backend === 'webgpu' && !webGpuAvailable.ok) {
      // No adapter (webgpu not installed, or no Mesa EGL/GLES on a machine without a GPU).
      describe.skip(`${title} [webgpu: skipped, ${webGpuAvailable.why}]`, () => suite(backend));
      continue;
    }
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        if (backend === 'snn-wasm') await enableFastWasm({ threads: 1 });
        if (backend === 'snn-native') await enableNative({ threads: 1 });
        if (backend === 'webgpu') await enableWebGpu();
        const ok = await tf.setBackend(backend);
        if (!ok) throw new Error(`backend ${backend} failed to initialise`);
        await tf.ready();
      });
      suite(backend);
    });
  }
}
