import {
  type BackendChoice,
  type WebGpuAdapterReport,
  fastWasmThreads,
  isSoftwareAdapter,
  selectBackend,
  webGpuInfo,
} from '@snn/runtime';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import * as tfjsWebGpu from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The backends the page offers, named as `snn figure1 --backend` names them: `webgpu` is tfjs's
 * WebGPU backend with @snn/runtime's SELU kernels, `snn-wasm` is tfjs wasm with @snn/runtime's
 * fast transposed matmuls, `wasm` the stock tfjs wasm backend.
 */
export const PAGE_BACKENDS = ['webgpu', 'webgl', 'snn-wasm', 'wasm', 'cpu'] as const;

/**
 * The order the page tries at start when the address names no backend: WebGPU on a hardware
 * adapter, then WebGL, then the fast wasm backend, then stock wasm.
 */
export const START_ORDER = [
  'webgpu',
  'webgl',
  'snn-wasm',
  'wasm',
] as const satisfies readonly PageBackend[];
export type PageBackend = (typeof PAGE_BACKENDS)[number];

export interface BackendInfo {
  backend: string;
  /** wasm backends only: threads of the wasm thread pool (1 without cross-origin isolation). */
  threads?: number;
  crossOriginIsolated: boolean;
  /** webgl only: the WebGL version tfjs runs on. */
  webglVersion?: number;
  /** webgpu only: the adapter (vendor, architecture, whether it is a software adapter). */
  adapter?: WebGpuAdapterReport;
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
  // The bundle holds tfjs-backend-webgpu; @snn/runtime loads it by name, so hand it over.
  const importModule = async (specifier: string) => {
    if (specifier === '@tensorflow/tfjs-backend-webgpu') return tfjsWebGpu;
    throw Object.assign(new Error(`Cannot find package '${specifier}' in the page`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  };
  const choice = await selectBackend(name, name === 'webgpu' ? { importModule } : {});
  await tf.ready();
  return choice;
}

/**
 * Whether this browser offers a WebGPU adapter that is a GPU (not SwiftShader or another CPU
 * implementation, which the page uses only when asked for by name: WebGL is faster there).
 */
export async function hardwareWebGpu(): Promise<boolean> {
  const gpu = (
    navigator as {
      gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> };
    }
  ).gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  return adapter != null && !isSoftwareAdapter(adapter.info ?? {});
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
  if (backend === 'webgpu') info.adapter = webGpuInfo() ?? undefined;
  return info;
}
