import * as tf from '@tensorflow/tfjs-core';
import { type DataId, Expm1, Selu } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../../internal/snn-error';
import { type ImportModule, importOptional } from '../optional-import';
import { isNode } from '../platform';
import {
  type AdapterRequest,
  DAWN_PACKAGE,
  type GpuAdapterLike,
  TFJS_WEBGPU_PACKAGE,
  WEBGPU_INSTALL,
  requestWebGpuAdapter,
} from './request-adapter';
import { type WebGpuBackendInternals, readSyncFromGpu } from './sync-read';
import { type WebGpuAdapterReport, describeWebGpuAdapter } from './webgpu-adapter';
import {
  type WebGpuUtil,
  webGpuExpm1Kernel,
  webGpuSeluGradKernel,
  webGpuSeluKernel,
} from './webgpu-selu-kernels';

/** Name of the backend {@link enableWebGpu} registers: tfjs's own name for its WebGPU backend. */
export const WEBGPU = 'webgpu';

/** Options of {@link enableWebGpu}. */
export interface WebGpuOptions {
  /**
   * Requests the adapter; default {@link requestWebGpuAdapter} (navigator.gpu in a browser, Dawn
   * in Node). Tests inject one to present an adapter as another (e.g. a hardware GPU).
   */
  requestAdapter?: () => Promise<AdapterRequest>;
  /** Loads the optional packages; default `import()`. Tests inject it to simulate them missing. */
  importModule?: (specifier: string) => Promise<unknown>;
}

interface TfjsWebGpuModule {
  WebGPUBackend: new (device: unknown, adapterInfo: unknown) => tf.KernelBackend;
  webgpu_util: WebGpuUtil;
}

/** The registration in progress or done, and its adapter once known. */
interface Registration {
  ready: Promise<string>;
  report: WebGpuAdapterReport | null;
}
let state: Registration | null = null;

/**
 * Registers tfjs's WebGPU backend as `'webgpu'` on an adapter this function chooses and reports,
 * with @snn/runtime's kernels: `Selu` accurate near 0 and its gradient as one WGSL pass
 * (`SnnSeluGrad`), both on the GPU, and no hand-off of small tensors to the CPU
 * (`WEBGPU_CPU_FORWARD` off), so a training step of an SNN runs without CPU fallback and reads
 * nothing back until you ask. Returns the backend name to pass to `tf.setBackend`.
 *
 * In Node the GPU comes from the optional package `webgpu` (Dawn's prebuilt binary; Vulkan on
 * Linux, Metal, D3D12), or, where that finds no adapter, Dawn's OpenGL ES backend in
 * compatibility mode on Mesa's llvmpipe — a software adapter, for tests, that
 * {@link webGpuInfo} marks as such. There, `dataSync()` and `arraySync()` work too (tfjs's
 * `readSync` needs an OffscreenCanvas; see `readSyncFromGpu`). In a browser it is `navigator.gpu`.
 * Both need `@tensorflow/tfjs-backend-webgpu` (the kernels). Throws an {@link SnnError} naming the
 * packages to install when one is missing, or saying why no adapter was found.
 *
 * Idempotent: later calls return the same name (after `tf.removeBackend('webgpu')` a new backend
 * is created on a new adapter).
 *
 * @param options - `requestAdapter` and `importModule` for tests.
 * @returns `'webgpu'`.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { enableWebGpu, webGpuInfo } from '@snn/runtime';
 * await tf.setBackend(await enableWebGpu());
 * console.log(webGpuInfo()); // { vendor: 'nvidia', architecture: 'hopper', …, software: false, api: 'dawn' }
 * @see https://www.w3.org/TR/webgpu/
 */
export async function enableWebGpu(options: WebGpuOptions = {}): Promise<string> {
  // After tf.removeBackend('webgpu') a new backend may be registered.
  if (state?.report != null && tf.findBackendFactory(WEBGPU) == null) state = null;
  if (state != null) return state.ready;
  const current: Registration = { ready: Promise.resolve(WEBGPU), report: null };
  current.ready = register(options).then((report) => {
    current.report = report;
    return WEBGPU;
  });
  state = current;
  try {
    return await current.ready;
  } catch (error) {
    if (state === current) state = null;
    throw error;
  }
}

async function register(options: WebGpuOptions): Promise<WebGpuAdapterReport> {
  const tfjsWebGpu = await importTfjsWebGpu(options.importModule);
  const request = await adapterRequest(options);
  if (!request.ok) {
    const install = request.why.includes('not installed')
      ? `install it with \`${WEBGPU_INSTALL}\`, or `
      : '';
    throw new SnnError(
      `enableWebGpu: no WebGPU adapter (${request.why}); ${install}use 'snn-wasm' or 'cpu'`,
    );
  }
  const { adapter, api } = request;
  const report = describeWebGpuAdapter(adapter.info ?? {}, api);
  const device = await adapter.requestDevice(deviceDescriptor(adapter));
  const Backend = syncReadBackend(tfjsWebGpu.WebGPUBackend);
  // tfjs-backend-webgpu registers its own 'webgpu' at import where navigator.gpu exists
  // (browsers); ours replaces it, on the adapter reported here.
  if (tf.findBackendFactory(WEBGPU) != null) tf.removeBackend(WEBGPU);
  registerKernels(tfjsWebGpu.webgpu_util);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  tf.registerBackend(WEBGPU, () => new Backend(device, adapter.info), 0);
  // Dawn's Node binding ticks through setImmediate until its pending work (the device request)
  // is done; one turn lets that tick run, so that the first synchronous read finds Dawn idle.
  if (isNode()) await new Promise((resolve) => setTimeout(resolve, 0));
  return report;
}

/**
 * The adapter of the `'webgpu'` backend that {@link enableWebGpu} registered (vendor,
 * architecture, device, description, whether it is a software adapter, how it was reached), or
 * `null` before.
 *
 * @example
 * await enableWebGpu();
 * webGpuInfo()?.software; // true on Mesa's llvmpipe
 */
export function webGpuInfo(): WebGpuAdapterReport | null {
  if (state?.report != null && tf.findBackendFactory(WEBGPU) == null) state = null;
  return state?.report ?? null;
}

function adapterRequest(options: WebGpuOptions): Promise<AdapterRequest> {
  return options.requestAdapter?.() ?? requestWebGpuAdapter(options.importModule);
}

async function importTfjsWebGpu(importModule?: ImportModule): Promise<TfjsWebGpuModule> {
  const loaded = await importOptional(TFJS_WEBGPU_PACKAGE, importModule);
  if (loaded.ok) return loaded.module as TfjsWebGpuModule;
  if (loaded.missing) {
    throw new SnnError(
      `enableWebGpu: the 'webgpu' backend needs ${TFJS_WEBGPU_PACKAGE}${isNode() ? ` and ${DAWN_PACKAGE} (Dawn, WebGPU for Node)` : ''}, and ${TFJS_WEBGPU_PACKAGE} is not installed; install ${isNode() ? 'them' : 'it'} with \`${isNode() ? WEBGPU_INSTALL : `npm install ${TFJS_WEBGPU_PACKAGE}`}\`, or use 'snn-wasm'`,
    );
  }
  throw new SnnError(
    `enableWebGpu: ${TFJS_WEBGPU_PACKAGE} is installed but ${loaded.why}; reinstall it (\`npm install ${TFJS_WEBGPU_PACKAGE}\`), or use 'snn-wasm'`,
  );
}

/** tfjs-backend-webgpu's device request: the adapter's limits, timestamps where offered. */
function deviceDescriptor(adapter: GpuAdapterLike) {
  const { limits } = adapter;
  const requiredLimits = Object.fromEntries(
    [
      'maxComputeWorkgroupStorageSize',
      'maxComputeWorkgroupsPerDimension',
      'maxStorageBufferBindingSize',
      'maxBufferSize',
      'maxComputeWorkgroupSizeX',
      'maxComputeInvocationsPerWorkgroup',
    ].map((name) => [name, limits[name]]),
  );
  const requiredFeatures = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  return { requiredLimits, requiredFeatures };
}

/**
 * Our `Selu`, `Expm1` and `SnnSeluGrad` for 'webgpu', replacing the stock `Selu` and `Expm1`
 * (which stay in use for other dtypes). Idempotent.
 */
function registerKernels(util: WebGpuUtil): void {
  const replacements = [
    [Selu, webGpuSeluKernel],
    [Expm1, webGpuExpm1Kernel],
  ] as const;
  for (const [name, make] of replacements) {
    const stock = tf.getKernel(name, WEBGPU);
    if (stock == null) {
      throw new SnnError(
        `enableWebGpu: ${TFJS_WEBGPU_PACKAGE} registered no '${name}' kernel for '${WEBGPU}'; install version 4.22 (\`npm install ${TFJS_WEBGPU_PACKAGE}@4.22\`)`,
      );
    }
    if ((stock as { snn?: true }).snn) continue;
    tf.unregisterKernel(name, WEBGPU);
    tf.registerKernel({ ...make(util, stock, WEBGPU), snn: true } as tf.KernelConfig);
  }
  const grad = webGpuSeluGradKernel(util, WEBGPU);
  if (tf.getKernel(grad.kernelName, WEBGPU) == null) tf.registerKernel(grad);
}

/** `WebGPUBackend` whose `readSync` works in Node ({@link readSyncFromGpu}). */
function syncReadBackend(
  Base: TfjsWebGpuModule['WebGPUBackend'],
): TfjsWebGpuModule['WebGPUBackend'] {
  return class SnnWebGpuBackend extends Base {
    override readSync(dataId: DataId) {
      const node =
        isNode() &&
        typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas === 'undefined';
      return (
        (node ? readSyncFromGpu(this as unknown as WebGpuBackendInternals, dataId) : null) ??
        super.readSync(dataId)
      );
    }
  };
}
