import { SnnError } from '../../../../../internal/snn-error';
import { importOptional } from '../optional-import';
import { isNode } from '../platform';
import { hasGpuDeviceNode } from './gpu-device-node';
import type { WebGpuAdapterInfoLike, WebGpuAdapterReport } from './webgpu-adapter';

/** The npm package that gives Node a WebGPU implementation (Google's Dawn, prebuilt). */
export const DAWN_PACKAGE = 'webgpu';
/** tfjs's WebGPU backend: the kernels, the buffer manager and the `WebGPUBackend` class. */
export const TFJS_WEBGPU_PACKAGE = '@tensorflow/tfjs-backend-webgpu';

/** The install line for both optional packages, as errors print it. */
export const WEBGPU_INSTALL = `npm install ${DAWN_PACKAGE} ${TFJS_WEBGPU_PACKAGE}`;

/** The parts of a `GPUAdapter` the webgpu backend uses. */
export interface GpuAdapterLike {
  /** What the adapter says about itself (`GPUAdapterInfo`). */
  readonly info?: WebGpuAdapterInfoLike;
  /** The adapter's limits (`GPUSupportedLimits`); the device asks for the ones tfjs uses. */
  readonly limits: Readonly<Record<string, number>>;
  /** The adapter's features (`GPUSupportedFeatures`). */
  readonly features: {
    /** Whether the feature `name` (e.g. `'timestamp-query'`) is offered. */
    has(name: string): boolean;
  };
  /** `GPUAdapter.requestDevice`: the device the backend runs on. */
  requestDevice(descriptor?: unknown): Promise<unknown>;
}

/** An adapter and how it was reached, or why there is none. */
export type AdapterRequest =
  | { ok: true; adapter: GpuAdapterLike; api: WebGpuAdapterReport['api'] }
  | { ok: false; why: string };

interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<GpuAdapterLike | null>;
}

interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** Dawn instances by flag set: one per process, reused by later requests. */
const dawnInstances = new Map<string, GpuLike>();

/**
 * Requests the adapter the webgpu backend runs on. In a browser: `navigator.gpu` (high-performance
 * preference). In Node: the optional package `webgpu` (Dawn), first with its native
 * backend (Vulkan on Linux, Metal, D3D12; on Linux only where a GPU device node exists), then —
 * when that finds no adapter, as on a machine without a GPU or without a Vulkan driver — with its
 * OpenGL ES backend in compatibility mode
 * (`EGL_PLATFORM=surfaceless`), which reaches Mesa's llvmpipe. Dawn's classes (`GPUBufferUsage`,
 * `GPUMapMode`, …) become globals and `navigator.gpu` is set, as tfjs-backend-webgpu expects.
 *
 * @param importModule - Loads the `webgpu` package; default `import()`.
 * @returns The adapter and its route, or why there is none.
 * @throws SnnError when the `webgpu` package is installed but fails to load.
 * @example
 * const request = await requestWebGpuAdapter();
 * if (request.ok) console.log(request.api, request.adapter.info?.device);
 */
export async function requestWebGpuAdapter(
  importModule?: (specifier: string) => Promise<unknown>,
): Promise<AdapterRequest> {
  if (!isNode()) {
    const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
    if (gpu == null) return { ok: false, why: 'this browser offers no navigator.gpu' };
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter == null
      ? { ok: false, why: 'navigator.gpu.requestAdapter() found no adapter' }
      : { ok: true, adapter, api: 'browser' };
  }
  const loaded = await importOptional(DAWN_PACKAGE, importModule);
  if (!loaded.ok) {
    if (loaded.missing) return { ok: false, why: `${DAWN_PACKAGE} is not installed` };
    throw new SnnError(
      `webgpu: ${DAWN_PACKAGE} is installed but ${loaded.why}; Dawn's prebuilt binary needs Linux x64/arm64 with glibc ≥ 2.34, macOS or Windows — reinstall it (\`${WEBGPU_INSTALL}\`) or use 'snn-wasm'`,
    );
  }
  const dawn = loaded.module as DawnModule;
  installDawnGlobals(dawn);
  // Without a GPU device node Dawn's Vulkan backend could only find lavapipe, which it rejects
  // (missing features) after a quarter of a second and a page of driver warnings.
  if (await hasGpuDeviceNode()) {
    const native = await dawnInstance(dawn, []).requestAdapter({
      powerPreference: 'high-performance',
    });
    if (native != null) return { ok: true, adapter: native, api: 'dawn' };
  }
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process
    ?.env;
  if (env != null && env['EGL_PLATFORM'] == null) env['EGL_PLATFORM'] = 'surfaceless';
  const gles = await dawnInstance(dawn, ['backend=opengl']).requestAdapter({
    featureLevel: 'compatibility',
  });
  if (gles != null) return { ok: true, adapter: gles, api: 'dawn-opengles' };
  return {
    ok: false,
    why: 'Dawn found no adapter: no Vulkan driver for a GPU (e.g. NVIDIA’s, or mesa-vulkan-drivers) and no OpenGL ES through EGL (libegl1, libgl1-mesa-dri)',
  };
}

function dawnInstance(dawn: DawnModule, flags: string[]): GpuLike {
  const key = flags.join(' ');
  let gpu = dawnInstances.get(key);
  if (gpu == null) {
    gpu = dawn.create(flags);
    dawnInstances.set(key, gpu);
  }
  return gpu;
}

/** Dawn's WebGPU classes and constants as globals, and `navigator.gpu`, without replacing any. */
function installDawnGlobals(dawn: DawnModule): void {
  const global = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (global[name] == null) global[name] = value;
  }
  if (global['navigator'] == null) global['navigator'] = {};
  const navigator = global['navigator'] as { gpu?: unknown };
  if (navigator.gpu == null) {
    // Node ≥ 21 has a navigator without gpu; Node 20 has none.
    Object.defineProperty(navigator, 'gpu', {
      value: dawnInstance(dawn, []),
      configurable: true,
      enumerable: true,
    });
  }
}
