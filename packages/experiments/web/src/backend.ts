import { type BackendChoice, fastWasmThreads, selectBackend } from '@snn/runtime';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The backends the page offers, named as `snn figure1 --backend` names them: `snn-wasm` is tfjs
 * wasm with @snn/runtime's fast transposed matmuls, `wasm` the stock tfjs wasm backend.
 */
export const PAGE_BACKENDS = ['webgl', 'snn-wasm', 'wasm', 'cpu'] as const;
export type PageBackend = (typeof PAGE_BACKENDS)[number];

export interface BackendInfo {
  backend: string;
  /** wasm backends only: threads of the wasm thread pool (1 without cross-origin isolation). */
  threads?: number;
  crossOriginIsolated: boolean;
  /** webgl only: the WebGL version tfjs runs on. */
  webglVersion?: number;
}

// The .wasm binaries are emitted by Vite next to the bundle (hashed names), so the page works from
// any folder of a static host. Both wasm backends load them through this table.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
// When the page is cross-origin isolated tfjs loads the threaded build by itself. Its C++ side
// sizes the thread pool at half the logical cores (measured: asking for 2 threads with
// `setThreadsCount` on a 2-core machine still gives 1), so the status line reports the real count.

export function isPageBackend(name: unknown): name is PageBackend {
  return typeof name === 'string' && (PAGE_BACKENDS as readonly string[]).includes(name);
}

/**
 * Makes `name` the active tfjs backend through @snn/runtime's `selectBackend` (as the `snn`
 * command does), and returns its choice: active name, requested name and a one-line reason.
 */
export async function useBackend(name: PageBackend): Promise<BackendChoice> {
  if (!isPageBackend(name)) {
    throw new Error(`backend must be one of ${PAGE_BACKENDS.join(', ')}; got ${String(name)}`);
  }
  const choice = await selectBackend(name);
  await tf.ready();
  return choice;
}

/** What the active backend is and how it runs. */
export function backendInfo(): BackendInfo {
  const backend = tf.getBackend();
  const info: BackendInfo = {
    backend,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  if (backend === 'wasm') info.threads = getThreadsCount();
  if (backend === 'snn-wasm') info.threads = fastWasmThreads() ?? 1;
  if (backend === 'webgl') info.webglVersion = tf.env().getNumber('WEBGL_VERSION');
  return info;
}
