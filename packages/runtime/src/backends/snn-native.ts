import type * as BackendNative from '@snn/backend-native';
import * as tf from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../internal/snn-error';
import { importOptional } from './optional-import';
import { availableCores } from './platform';
import { registerWasmBackend } from './register-wasm-backend';
import { wasmFactory } from './snn-wasm/enable-fast-wasm';
import { fastWasmKernels } from './snn-wasm/fast-wasm-kernels';

/** Name of the native backend registered by {@link enableNative}. */
export const SNN_NATIVE = 'snn-native';

/** Options of {@link enableNative}. */
export interface NativeOptions {
  /**
   * BLAS threads for the matrix products, an integer ≥ 1. Default: every core
   * (`os.availableParallelism()`). The wasm kernels of the backend run on the calling thread, one
   * kernel after another between the products, so the two never compete for cores.
   */
  threads?: number;
  /** Path of the addon to load instead of the installed one (also `SNN_NATIVE_ADDON`). */
  addonPath?: string;
  /**
   * Loads {@link BACKEND_NATIVE}; default `(specifier) => import(specifier)`. Tests inject it to
   * simulate the package being missing.
   */
  importModule?: (specifier: string) => Promise<unknown>;
}

/** The optional package that holds the addon, its kernels, the SELU gradient and the SGD step. */
export const BACKEND_NATIVE = '@snn/backend-native';

type BackendNativeModule = typeof BackendNative;

let registered: {
  native: BackendNativeModule;
  addon: BackendNative.NativeAddon;
  blas: string;
  ready: Promise<string>;
} | null = null;

/**
 * Registers `'snn-native'`: the `snn-wasm` backend (single-threaded wasm, same kernels) whose
 * matrix products (`BatchMatMul` and `_FusedMatMul`, i.e. `tf.matMul`, `tf.fused.matMul` and
 * dense layers, with every transpose flag, bias and fused activation), `Selu`, its gradient and
 * sums over leading axes run in a Node addon on OpenBLAS (or BLIS), linked statically.
 * The addon reads and writes the wasm heap in place, so no tensor is copied. Returns the backend
 * name for `tf.setBackend`.
 *
 * The addon and its kernels come from the optional package {@link BACKEND_NATIVE}
 * (`npm install @snn/backend-native`), loaded with `import()` only here: a prebuilt addon for the
 * platform (`@snn/backend-native-linux-x64-gnu`, …) or one built from source at its install. When
 * the package is missing or no addon loads (not built, corrupt, another architecture, a BLAS that
 * gives a wrong product) this throws an {@link SnnError} that says why; `selectBackend('auto')`
 * then falls back to `snn-wasm`.
 *
 * Idempotent: later calls return the same name and apply a new `threads`.
 *
 * @param options - `threads`: BLAS threads, default every core; `addonPath`: addon to load.
 * @returns `'snn-native'`.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { enableNative } from '@snn/runtime';
 * await tf.setBackend(await enableNative({ threads: 2 }));
 * tf.matMul(tf.ones([2, 3]), tf.ones([3, 4])).print(); // all 3
 * @see https://arxiv.org/abs/1706.02515
 */
export async function enableNative(options: NativeOptions = {}): Promise<string> {
  const threads = options.threads ?? (await availableCores());
  if (!Number.isInteger(threads) || threads < 1) {
    throw new SnnError(
      `enableNative: \`threads\` must be an integer ≥ 1, got ${options.threads}; pass e.g. { threads: 2 } or omit it to use every core`,
    );
  }
  const native = await importBackendNative(options.importModule);
  const load = await native.loadNativeAddon(options.addonPath);
  if (!load.ok) {
    throw new SnnError(
      `enableNative: the '${SNN_NATIVE}' addon is unavailable: ${load.why}; use 'snn-wasm' instead`,
    );
  }
  // After tf.removeBackend('snn-native') a new instance may be created.
  if (registered != null && tf.findBackendFactory(SNN_NATIVE) == null) registered = null;
  if (registered == null) {
    const { addon } = load;
    const stockFactory = wasmFactory('enableNative');
    const ready = registerWasmBackend(
      SNN_NATIVE,
      async () => await stockFactory(),
      () =>
        native.nativeKernels(
          fastWasmKernels(tf.getKernelsForBackend('wasm'), 'wasm', SNN_NATIVE),
          addon,
          SNN_NATIVE,
        ),
    );
    registered = { native, addon, blas: load.blas, ready };
    try {
      await ready;
      native.useNativeSeluGradient(SNN_NATIVE);
      native.useNativeBatchNormGradient(SNN_NATIVE);
    } catch (error) {
      registered = null;
      throw error;
    }
  }
  registered.addon.setThreads(threads);
  return registered.ready;
}

/** The BLAS and thread count `'snn-native'` runs with, or `null` before {@link enableNative}. */
export function nativeInfo(): { blas: string; threads: number } | null {
  if (registered == null) return null;
  return { blas: registered.blas, threads: registered.addon.info().threads };
}

/**
 * The @snn/backend-native module {@link enableNative} loaded, or `null` before (or after
 * `tf.removeBackend('snn-native')`).
 */
export function loadedBackendNative(): typeof BackendNative | null {
  if (registered != null && tf.findBackendFactory(SNN_NATIVE) == null) registered = null;
  return registered?.native ?? null;
}

async function importBackendNative(
  importModule?: (specifier: string) => Promise<unknown>,
): Promise<BackendNativeModule> {
  const loaded = await importOptional(BACKEND_NATIVE, importModule);
  if (loaded.ok) return loaded.module as BackendNativeModule;
  if (loaded.missing) {
    throw new SnnError(
      `enableNative: the '${SNN_NATIVE}' backend needs ${BACKEND_NATIVE}, which is not installed; install it with \`npm install ${BACKEND_NATIVE}\` (a prebuilt addon for Linux x64, built from source at install elsewhere), or use 'snn-wasm'`,
    );
  }
  throw new SnnError(
    `enableNative: ${BACKEND_NATIVE} is installed but ${loaded.why}; reinstall it (\`npm install ${BACKEND_NATIVE}\`), or use 'snn-wasm'`,
  );
}
