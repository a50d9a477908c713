import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import * as tf from '@tensorflow/tfjs-core';

/** The backends the page offers. */
export const PAGE_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type PageBackend = (typeof PAGE_BACKENDS)[number];

export interface BackendInfo {
  backend: string;
  /** wasm only: the number of threads its thread pool uses (1 without cross-origin isolation). */
  threads?: number;
  crossOriginIsolated: boolean;
  /** webgl only: the WebGL version tfjs runs on. */
  webglVersion?: number;
}

// The .wasm binaries are emitted by Vite next to the bundle (hashed names), so the page works from
// any folder of a static host.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});
// tfjs uses half the logical cores by default; a 2-core machine without SMT would get a single
// thread. Training is the only work on the page, so give the pool every core.
if (globalThis.crossOriginIsolated) setThreadsCount(Math.max(1, navigator.hardwareConcurrency));

export function isPageBackend(name: unknown): name is PageBackend {
  return typeof name === 'string' && (PAGE_BACKENDS as readonly string[]).includes(name);
}

/**
 * Makes `name` the active tfjs backend. Throws when the browser cannot run it (for example WebGL
 * disabled), naming the backends that remain.
 */
export async function useBackend(name: PageBackend): Promise<BackendInfo> {
  if (!isPageBackend(name)) {
    throw new Error(`backend must be one of ${PAGE_BACKENDS.join(', ')}, got ${String(name)}`);
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) {
      throw new Error(
        `The ${name} backend could not start in this browser; choose ${PAGE_BACKENDS.filter((b) => b !== name).join(' or ')}.`,
      );
    }
  }
  await tf.ready();
  return backendInfo();
}

/** What the active backend is and how it runs. */
export function backendInfo(): BackendInfo {
  const backend = tf.getBackend();
  const info: BackendInfo = {
    backend,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  if (backend === 'wasm') info.threads = getThreadsCount();
  if (backend === 'webgl') info.webglVersion = tf.env().getNumber('WEBGL_VERSION');
  return info;
}
