import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { firstLine } from '../../../../internal/first-line';
import { SnnError } from '../../../../internal/snn-error';
import { importOptional } from './optional-import';
import { isNode } from './platform';
import { SNN_NATIVE, enableNative, nativeInfo } from './snn-native';
import { SNN_WASM, enableFastWasm, fastWasmThreads } from './snn-wasm/enable-fast-wasm';
import { WEBGPU, enableWebGpu, webGpuInfo } from './webgpu/enable-webgpu';
import { hasGpuDeviceNode } from './webgpu/gpu-device-node';
import { type AdapterRequest, requestWebGpuAdapter } from './webgpu/request-adapter';
import { adapterLine, describeWebGpuAdapter } from './webgpu/webgpu-adapter';

/** Backends {@link selectBackend} accepts. */
export const BACKEND_NAMES = [
  'auto',
  'tfjs-node-gpu',
  'webgpu',
  'tfjs-node',
  'wasm',
  'cpu',
  'webgl',
  'snn-wasm',
  'snn-native',
] as const;

/**
 * `auto` picks the fastest available; `tfjs-node-gpu`/`tfjs-node` are the native TensorFlow
 * bindings (optional peer dependencies); `wasm` is stock tfjs-backend-wasm; `snn-wasm` is the
 * fast wasm backend of {@link enableFastWasm}; `snn-native` is `snn-wasm` with its matrix products
 * on a native BLAS ({@link enableNative}, Node); `webgpu` is tfjs's WebGPU backend with our SELU
 * kernels ({@link enableWebGpu}: Dawn in Node, navigator.gpu in browsers); `cpu` is plain
 * JavaScript; `webgl` needs a browser.
 */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What {@link selectBackend} activated and why. */
export interface BackendChoice {
  /** The tfjs backend now active (`tf.getBackend()`), e.g. `'snn-wasm'` or `'tensorflow'`. */
  name: string;
  /** The name that was asked for. */
  requested: BackendName;
  /** One line: which backend, and why the ones before it in the `auto` order were not taken. */
  reason: string;
}

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Receives the one-line reason once the backend is active. Default: nothing is printed. */
  log?: (line: string) => void;
  /**
   * Threads: XNNPACK threads for `snn-wasm` ({@link enableFastWasm}), BLAS threads for
   * `snn-native` ({@link enableNative}); default every core.
   */
  threads?: number;
  /** Path of the `snn-native` addon to load instead of the installed one (see {@link enableNative}). */
  nativeAddon?: string;
  /**
   * Loads an optional package (tfjs-node, tfjs-node-gpu, @snn/backend-native); default
   * `(specifier) => import(specifier)`. Tests inject it to simulate one being installed or missing.
   */
  importModule?: (specifier: string) => Promise<unknown>;
  /** Whether an NVIDIA GPU is visible; default: probed (`/proc/driver/nvidia`, `nvidia-smi -L`). */
  gpuVisible?: boolean | (() => boolean | Promise<boolean>);
  /**
   * Requests the WebGPU adapter for `webgpu` and `auto`; default {@link requestWebGpuAdapter}
   * (Dawn in Node, navigator.gpu in browsers), which `auto` on Linux tries only where a GPU device
   * node exists (`/dev/dri/renderD*`, `/dev/nvidia*`). Tests inject it to present an adapter.
   */
  webgpuAdapter?: () => Promise<AdapterRequest>;
}

const NODE_PACKAGE = {
  'tfjs-node': '@tensorflow/tfjs-node',
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
} as const;

/** The backend name tfjs-node and tfjs-node-gpu register. */
const TENSORFLOW = 'tensorflow';

/**
 * Activates a tfjs backend and reports which one and why.
 *
 * `auto` tries, in order: `tfjs-node-gpu` (installed and an NVIDIA GPU visible) → `webgpu`
 * (webgpu and @tensorflow/tfjs-backend-webgpu installed and a hardware adapter found; a software
 * adapter such as Mesa's llvmpipe or SwiftShader is never taken by `auto`, only by name) →
 * `tfjs-node` (installed) → `snn-native` (Node, its addon built or installed: matrix products on OpenBLAS) →
 * `snn-wasm` (tfjs wasm with fast transposed matmuls, multithreaded in Node) → `cpu`. The reason
 * says why each one before the chosen was skipped (e.g. why the `snn-native` addon did not load). A named backend that cannot be activated throws an {@link SnnError} that says how to
 * install it. tfjs-node and tfjs-node-gpu are optional peer dependencies, loaded with `import()`
 * only when tried.
 *
 * @param requested - One of {@link BACKEND_NAMES}; default `'auto'`.
 * @param options - `log` receives the reason; `threads` is passed to {@link enableFastWasm}.
 * @returns The active backend's name, the requested name and the reason.
 * @example
 * const choice = await selectBackend('auto', { log: console.log });
 * // auto → snn-native: OpenBLAS 0.3.21 … (2 threads) for matrix products, tfjs wasm for the rest; tfjs-node-gpu skipped (no NVIDIA GPU visible); …
 * @see https://arxiv.org/abs/1706.02515
 */
export async function selectBackend(
  requested: BackendName = 'auto',
  options: SelectBackendOptions = {},
): Promise<BackendChoice> {
  if (!(BACKEND_NAMES as readonly string[]).includes(requested)) {
    throw new SnnError(
      `selectBackend: \`requested\` must be one of ${BACKEND_NAMES.join(', ')}; got ${JSON.stringify(requested)}`,
    );
  }
  const choice =
    requested === 'auto' ? await selectAuto(options) : await selectNamed(requested, options);
  options.log?.(choice.reason);
  return choice;
}

async function selectNamed(
  requested: Exclude<BackendName, 'auto'>,
  options: SelectBackendOptions,
): Promise<BackendChoice> {
  switch (requested) {
    case 'tfjs-node':
    case 'tfjs-node-gpu': {
      const loaded = await loadTensorflowBinding(requested, options);
      if (!loaded.ok) {
        throw new SnnError(
          `selectBackend: '${requested}' is not available (${loaded.why}); install it with \`npm install ${NODE_PACKAGE[requested]}\` (its install script downloads libtensorflow, so it needs network access; on failure run \`npm rebuild ${NODE_PACKAGE[requested]} --build-addon-from-source\`), or use 'auto' or 'snn-wasm'`,
        );
      }
      let detail = `${NODE_PACKAGE[requested]} loaded`;
      if (requested === 'tfjs-node-gpu' && !(await isGpuVisible(options))) {
        detail += ' (no NVIDIA GPU visible: TensorFlow will run on the CPU)';
      }
      return activate(TENSORFLOW, requested, `${requested} → ${TENSORFLOW}: ${detail}`);
    }
    case 'snn-native': {
      if (!isNode()) {
        throw new SnnError(`selectBackend: 'snn-native' needs Node.js; use 'snn-wasm' or 'webgl'`);
      }
      await enableNative(nativeOptions(options));
      return activate(SNN_NATIVE, requested, `snn-native → ${SNN_NATIVE}: ${describeNative()}`);
    }
    case 'snn-wasm': {
      await enableFastWasm(fastWasmOptions(options));
      return activate(SNN_WASM, requested, `snn-wasm → ${SNN_WASM}: ${describeFastWasm()}`);
    }
    case 'webgpu': {
      await enableWebGpu(webGpuOptions(options));
      return activate(WEBGPU, requested, `webgpu → ${WEBGPU}: ${describeWebGpu()}`);
    }
    case 'wasm':
      return activate('wasm', requested, 'wasm → wasm: stock tfjs-backend-wasm');
    case 'cpu':
      return activate('cpu', requested, 'cpu → cpu: plain JavaScript kernels');
    case 'webgl': {
      if (tf.findBackendFactory('webgl') == null) {
        throw new SnnError(
          `selectBackend: 'webgl' is not registered; install @tensorflow/tfjs-backend-webgl and import it (import '@tensorflow/tfjs-backend-webgl') before selectBackend('webgl'); WebGL needs a browser`,
        );
      }
      return activate('webgl', requested, 'webgl → webgl: tfjs-backend-webgl');
    }
  }
}

async function selectAuto(options: SelectBackendOptions): Promise<BackendChoice> {
  const skipped: string[] = [];
  if (isNode() || options.importModule != null) {
    if (await isGpuVisible(options)) {
      const gpu = await loadTensorflowBinding('tfjs-node-gpu', options);
      if (gpu.ok) {
        return activate(
          TENSORFLOW,
          'auto',
          `auto → ${TENSORFLOW}: tfjs-node-gpu with a GPU visible`,
        );
      }
      skipped.push(`tfjs-node-gpu ${gpu.why}`);
    } else {
      skipped.push('tfjs-node-gpu skipped (no NVIDIA GPU visible)');
    }
  }
  const gpu = await hardwareWebGpu(options);
  if (gpu.ok) {
    try {
      await enableWebGpu({ ...webGpuOptions(options), requestAdapter: async () => gpu.request });
      if (await tf.setBackend(WEBGPU)) {
        const why = skipped.length ? `; ${skipped.join('; ')}` : '';
        return choiceOf('auto', `auto → ${WEBGPU}: ${describeWebGpu()}${why}`);
      }
      skipped.push('webgpu failed to initialise');
    } catch (error) {
      skipped.push(`webgpu unavailable (${firstLine(error).replace(/^enableWebGpu: /, '')})`);
    }
  } else {
    skipped.push(`webgpu skipped (${gpu.why})`);
  }
  if (isNode() || options.importModule != null) {
    const cpu = await loadTensorflowBinding('tfjs-node', options);
    if (cpu.ok) {
      return activate(
        TENSORFLOW,
        'auto',
        `auto → ${TENSORFLOW}: tfjs-node (native TensorFlow); ${skipped.join('; ')}`,
      );
    }
    skipped.push(`tfjs-node ${cpu.why}`);
    try {
      await enableNative(nativeOptions(options));
      if (await tf.setBackend(SNN_NATIVE)) {
        return choiceOf('auto', `auto → ${SNN_NATIVE}: ${describeNative()}; ${skipped.join('; ')}`);
      }
      skipped.push('snn-native failed to initialise');
    } catch (error) {
      skipped.push(`snn-native unavailable (${firstLine(error).replace(/^enableNative: /, '')})`);
    }
  }
  try {
    await enableFastWasm(fastWasmOptions(options));
    if (await tf.setBackend(SNN_WASM)) {
      return choiceOf(
        'auto',
        `auto → ${SNN_WASM}: ${describeFastWasm()}${skipped.length ? `; ${skipped.join('; ')}` : ''}`,
      );
    }
    skipped.push('snn-wasm failed to initialise');
  } catch (error) {
    skipped.push(`snn-wasm failed (${firstLine(error)})`);
  }
  return activate('cpu', 'auto', `auto → cpu: plain JavaScript kernels; ${skipped.join('; ')}`);
}

async function activate(name: string, requested: BackendName, reason: string) {
  const ok = await tf.setBackend(name);
  if (!ok) {
    throw new SnnError(
      `selectBackend: the '${name}' backend failed to initialise for '${requested}' (tfjs logged the cause above); choose another backend, e.g. 'cpu'`,
    );
  }
  return choiceOf(requested, reason);
}

function choiceOf(requested: BackendName, reason: string): BackendChoice {
  return { name: tf.getBackend(), requested, reason };
}

function fastWasmOptions(options: SelectBackendOptions) {
  return options.threads != null ? { threads: options.threads } : {};
}

function nativeOptions(options: SelectBackendOptions) {
  return {
    ...(options.threads != null ? { threads: options.threads } : {}),
    ...(options.nativeAddon != null ? { addonPath: options.nativeAddon } : {}),
    ...(options.importModule != null ? { importModule: options.importModule } : {}),
  };
}

function webGpuOptions(options: SelectBackendOptions) {
  return {
    ...(options.webgpuAdapter != null ? { requestAdapter: options.webgpuAdapter } : {}),
    ...(options.importModule != null ? { importModule: options.importModule } : {}),
  };
}

function describeWebGpu(): string {
  const report = webGpuInfo();
  const adapter = report == null ? 'an unknown adapter' : adapterLine(report);
  return `tfjs-backend-webgpu with SNN kernels on the ${adapter}${report?.software ? ' (runs on the CPU: for tests, slower than snn-wasm)' : ''}`;
}

/**
 * A hardware WebGPU adapter for `auto`, or why not: the packages missing, no GPU device node
 * (Linux, not probed then: loading Dawn costs half a second and prints driver warnings), no
 * adapter, or a software adapter (named).
 */
async function hardwareWebGpu(
  options: SelectBackendOptions,
): Promise<{ ok: true; request: AdapterRequest } | { ok: false; why: string }> {
  if (options.webgpuAdapter == null && isNode() && !(await hasGpuDeviceNode())) {
    return { ok: false, why: 'no GPU device node: /dev/dri/renderD*, /dev/nvidia*' };
  }
  try {
    const request = await (
      options.webgpuAdapter ?? (() => requestWebGpuAdapter(options.importModule))
    )();
    if (!request.ok) return { ok: false, why: request.why };
    const report = describeWebGpuAdapter(request.adapter.info ?? {}, request.api);
    if (report.software) {
      return { ok: false, why: `${adapterLine(report)}: auto takes only a hardware adapter` };
    }
    return { ok: true, request };
  } catch (error) {
    return { ok: false, why: firstLine(error) };
  }
}

function describeNative(): string {
  const info = nativeInfo();
  const threads = info?.threads ?? 1;
  return `${info?.blas ?? 'native BLAS'} (${threads} thread${threads === 1 ? '' : 's'}) for matrix products, tfjs wasm for the rest`;
}

function describeFastWasm(): string {
  const threads = fastWasmThreads() ?? 1;
  return `tfjs wasm (SIMD) with fast transposed matmuls, ${threads} thread${threads === 1 ? '' : 's'}`;
}

type Loaded = { ok: true } | { ok: false; why: string };

/** Loads tfjs-node or tfjs-node-gpu, which register the `tensorflow` backend on import. */
async function loadTensorflowBinding(
  which: 'tfjs-node' | 'tfjs-node-gpu',
  options: SelectBackendOptions,
): Promise<Loaded> {
  if (!isNode() && options.importModule == null) {
    return { ok: false, why: 'needs Node.js' };
  }
  const loaded = await importOptional(NODE_PACKAGE[which], options.importModule);
  if (!loaded.ok) return loaded;
  if (tf.findBackendFactory(TENSORFLOW) == null) {
    return { ok: false, why: `loaded but registered no '${TENSORFLOW}' backend` };
  }
  return { ok: true };
}

async function isGpuVisible(options: SelectBackendOptions): Promise<boolean> {
  const { gpuVisible } = options;
  if (typeof gpuVisible === 'boolean') return gpuVisible;
  if (typeof gpuVisible === 'function') return await gpuVisible();
  return probeNvidiaGpu();
}

/**
 * True when an NVIDIA GPU is visible to this process: `CUDA_VISIBLE_DEVICES` does not hide every
 * device, and the Linux driver lists a GPU (or `nvidia-smi -L` does, elsewhere).
 */
async function probeNvidiaGpu(): Promise<boolean> {
  if (!isNode()) return false;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const visible = env?.['CUDA_VISIBLE_DEVICES'];
  if (visible != null && (visible.trim() === '' || visible.trim() === '-1')) return false;
  const fs = await import('node:fs');
  try {
    if (fs.readdirSync('/proc/driver/nvidia/gpus').length > 0) return true;
  } catch {
    // No Linux NVIDIA driver; ask nvidia-smi below.
  }
  try {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('nvidia-smi', ['-L'], {
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /\bGPU \d+/.test(out.toString());
  } catch {
    return false;
  }
}
