import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../../internal/snn-error';
import { availableCores, isNode } from '../platform';
import { registerWasmBackend } from '../register-wasm-backend';
import { fastWasmKernels } from './fast-wasm-kernels';
import { loadThreadedWasmModule, unrefPthreadWorkers } from './threaded-wasm-module';

/** Name of the fast wasm backend registered by {@link enableFastWasm}. */
export const SNN_WASM = 'snn-wasm';

/** The most threads the wasm build's C++ side accepts (its pthread pool has 8 workers). */
export const MAX_WASM_THREADS = 8;

/** Options of {@link enableFastWasm}. */
export interface FastWasmOptions {
  /**
   * XNNPACK threads in Node, an integer in [1, 8]. Default: every core
   * (`os.availableParallelism()`, at most 8). 1 loads the single-threaded SIMD build and starts no
   * worker. In browsers tfjs picks the build (threaded only when cross-origin isolated) and this
   * option is ignored.
   */
  threads?: number;
}

let registered: { threads: number; ready: Promise<string>; done: boolean } | null = null;

/**
 * Registers `'snn-wasm'`: tfjs's wasm backend with a fast path for matmuls with transposed
 * operands and, in Node, multithreaded XNNPACK on worker_threads. Returns the backend name to
 * pass to `tf.setBackend`. Opt-in and side-by-side: stock `'wasm'` stays as it was.
 *
 * The backend is a second, independent instance of tfjs-backend-wasm whose kernels are the stock
 * wasm kernels (`tf.getKernelsForBackend('wasm')`) except `BatchMatMul` and `_FusedMatMul`, which
 * transpose a transposed operand explicitly (wasm `Transpose` kernel) and then take XNNPACK's
 * fully-connected path; stock wasm runs those products in a naive loop, which makes both matmul
 * gradients 10–12× slower than the forward product. Results equal the cpu backend's within
 * float32 rounding.
 *
 * Idempotent: later calls return the same name (and throw if they ask for another thread count;
 * `tf.removeBackend('snn-wasm')` first to start over).
 *
 * @param options - `threads`: XNNPACK threads in Node, integer in [1, 8], default all cores.
 * @returns `'snn-wasm'`.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { enableFastWasm } from '@snn/runtime';
 * await tf.setBackend(await enableFastWasm());
 * tf.getBackend(); // 'snn-wasm'
 * @see https://arxiv.org/abs/1706.02515
 */
export async function enableFastWasm(options: FastWasmOptions = {}): Promise<string> {
  const threads = await resolveThreads(options.threads);
  // After tf.removeBackend('snn-wasm') a new instance (with any thread count) may be created.
  if (registered?.done && tf.findBackendFactory(SNN_WASM) == null) registered = null;
  if (registered != null) {
    if (options.threads != null && registered.threads !== threads) {
      throw new SnnError(
        `enableFastWasm: '${SNN_WASM}' is already enabled with ${registered.threads} thread(s), got threads = ${threads}; call enableFastWasm once per process (or tf.removeBackend('${SNN_WASM}') first)`,
      );
    }
    return registered.ready;
  }
  const ready = register(threads);
  const entry = { threads, ready, done: false };
  registered = entry;
  try {
    const name = await ready;
    entry.done = true;
    return name;
  } catch (error) {
    registered = null;
    throw error;
  }
}

/** Number of XNNPACK threads `'snn-wasm'` runs with, or `null` before {@link enableFastWasm}. */
export function fastWasmThreads(): number | null {
  const backend = tf.engine().registry[SNN_WASM] as BackendWasm | undefined;
  if (backend?.wasm == null) return registered?.threads ?? null;
  return (
    backend.wasm as unknown as { tfjs: { getThreadsCount(): number } }
  ).tfjs.getThreadsCount();
}

async function resolveThreads(requested: number | undefined): Promise<number> {
  if (requested != null) {
    if (!Number.isInteger(requested) || requested < 1 || requested > MAX_WASM_THREADS) {
      throw new SnnError(
        `enableFastWasm: \`threads\` must be an integer in [1, ${MAX_WASM_THREADS}], got ${requested}; pass e.g. { threads: 2 } or omit it to use every core`,
      );
    }
    return requested;
  }
  return Math.max(1, Math.min(MAX_WASM_THREADS, await availableCores()));
}

async function register(threads: number): Promise<string> {
  const stockFactory = wasmFactory('enableFastWasm');
  return registerWasmBackend(
    SNN_WASM,
    async () => {
      if (isNode() && threads > 1) {
        const module = await loadThreadedWasmModule(threads);
        const backend = new BackendWasm(module as never);
        unrefPthreadWorkers(module);
        return backend;
      }
      // The stock factory builds a fresh module instance (its own heap and tensor table) each call.
      return await stockFactory();
    },
    () => fastWasmKernels(tf.getKernelsForBackend('wasm'), 'wasm', SNN_WASM),
  );
}

/** The stock `'wasm'` backend's factory, or an error saying what to import. */
export function wasmFactory(caller: string): () => tf.KernelBackend | Promise<tf.KernelBackend> {
  const stockFactory = tf.findBackendFactory('wasm');
  if (stockFactory == null) {
    throw new SnnError(
      `${caller}: no 'wasm' backend is registered; install @tensorflow/tfjs-backend-wasm and import it (import '@tensorflow/tfjs-backend-wasm') before ${caller}()`,
    );
  }
  return stockFactory;
}
