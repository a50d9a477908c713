import { SnnError } from '../../../../../internal/snn-error';

/**
 * Loads tfjs-backend-wasm's multithreaded SIMD build in Node with worker_threads, `threads`
 * XNNPACK threads in all, and returns the emscripten module ready for `new BackendWasm(module)`.
 *
 * Why tfjs cannot do this itself, and what each option below changes (all of them are emscripten
 * module options of this one instance; nothing global is patched):
 * - tfjs's `WASM_HAS_MULTITHREAD_SUPPORT` flag is false whenever `IS_NODE`, so its `init()` never
 *   loads the threaded build in Node. We call the threaded factory ourselves.
 * - tfjs's `locateFile` turns the pthread worker script into a blob: URL, which Node's
 *   worker_threads cannot start. `locateFile` here points at `wasm-pthread-worker.cjs`, a file of
 *   this package that runs tfjs's own worker script, and `mainScriptUrlOrBlob` at the threaded
 *   factory's `.js` file, which each worker loads from disk.
 * - The C++ side caps the thread count at `emscripten_num_logical_cores() / 2` (it assumes two
 *   hardware threads per core), so a 2-core machine without SMT gets one thread. `instantiateWasm`
 *   supplies `2 × threads` as this instance's logical-core count, so the cap becomes `threads`.
 *   The import is only read by `init_with_threads_count`; nothing else in the binary uses it.
 * - Emscripten's Node glue assigns `globalThis.Worker = worker_threads.Worker` while the module
 *   starts (it pre-spawns its pool of 8 workers then). The previous value is restored right after:
 *   no worker is spawned later, because XNNPACK's pool takes `threads − 1 ≤ 7` of the 8.
 */
export async function loadThreadedWasmModule(threads: number): Promise<unknown> {
  const [{ createRequire }, { readFile }, { dirname, join }, { fileURLToPath }] = await Promise.all(
    [import('node:module'), import('node:fs/promises'), import('node:path'), import('node:url')],
  );
  const here = fileURLToPath(import.meta.url);
  const require = createRequire(here);
  const factoryPath = require.resolve(
    '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js',
  );
  const wasmPath = factoryPath.replace(/\.js$/, '.wasm');
  const workerPath = join(dirname(here), 'wasm-pthread-worker.cjs');
  const [factory, binary] = [
    require(factoryPath) as (config: Record<string, unknown>) => Promise<EmscriptenModule>,
    await readFile(wasmPath),
  ];

  const hadWorker = Object.prototype.hasOwnProperty.call(globalThis, 'Worker');
  const previousWorker = (globalThis as Record<string, unknown>)['Worker'];
  let aborted: unknown = null;
  try {
    const module = await factory({
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.worker.js')
          ? workerPath
          : path.endsWith('.wasm')
            ? wasmPath
            : prefix + path,
      mainScriptUrlOrBlob: factoryPath,
      instantiateWasm: (
        imports: { env: Record<string, unknown> },
        receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
      ) => {
        const env = { ...imports.env, emscripten_num_logical_cores: () => 2 * threads };
        WebAssembly.instantiate(binary, { ...imports, env }).then(
          ({ instance, module }) => receive(instance, module),
          (error: unknown) => {
            aborted = error;
          },
        );
        return {};
      },
      onAbort: (what: unknown) => {
        aborted = what;
      },
    });
    if (aborted != null) throw aborted;
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    return module;
  } catch (error) {
    throw new SnnError(
      `enableFastWasm: the multithreaded wasm build failed to start in Node with ${threads} threads (${String(
        (error as Error)?.message ?? error,
      )}); pass { threads: 1 } to use the single-threaded build`,
      { cause: error },
    );
  } finally {
    if (hadWorker) (globalThis as Record<string, unknown>)['Worker'] = previousWorker;
    else Reflect.deleteProperty(globalThis, 'Worker');
  }
}

/**
 * Lets Node exit while the XNNPACK pool's threads idle. Emscripten `ref()`s the worker of every
 * running pthread, and pthreadpool's threads run until the pool is destroyed, so without this a
 * script that trained on `'snn-wasm'` would never exit. Call it after the backend (and so the
 * pool) exists. The workers keep running as long as the process does.
 */
export function unrefPthreadWorkers(module: unknown): void {
  const pthread = (module as EmscriptenModule).PThread;
  for (const worker of pthread?.runningWorkers ?? []) worker.unref?.();
}

/** The part of an emscripten module this file touches. */
interface EmscriptenModule {
  cwrap: (name: string, returnType: string | null, argTypes: string[]) => unknown;
  tfjs?: Record<string, unknown>;
  PThread?: { runningWorkers?: Array<{ unref?: () => void }> };
}
