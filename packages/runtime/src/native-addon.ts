import { firstLine } from '../../../internal/first-line';
import { blasCoreToPin, cpuFlags } from './blas-core';
import { isNode } from './platform';

/**
 * The functions of the `snn-native` addon (`native/snn-native.c`). `heap` is a byte view of the
 * whole wasm heap; offsets are in bytes, sizes in float32 elements. See the C source for the math.
 */
export interface NativeAddon {
  gemm(
    heap: Uint8Array,
    batch: number,
    batchA: number,
    batchB: number,
    m: number,
    n: number,
    k: number,
    transposeA: boolean,
    transposeB: boolean,
    aOffset: number,
    bOffset: number,
    cOffset: number,
    biasOffset: number,
    biasSize: number,
    activation: number,
    leakyAlpha: number,
  ): void;
  selu(heap: Uint8Array, size: number, xOffset: number, yOffset: number): void;
  seluGrad(
    heap: Uint8Array,
    size: number,
    dyOffset: number,
    xOffset: number,
    dxOffset: number,
  ): void;
  axpy(
    heap: Uint8Array,
    size: number,
    xOffset: number,
    yOffset: number,
    outOffset: number,
    alpha: number,
  ): void;
  sumRows(heap: Uint8Array, rows: number, cols: number, xOffset: number, outOffset: number): void;
  setThreads(threads: number): void;
  info(): { blas: string; threads: number; cores: number };
}

/** The addon, where it came from, or why it could not be loaded. */
export type NativeAddonLoad =
  | { ok: true; addon: NativeAddon; path: string; blas: string }
  | { ok: false; why: string };

const FUNCTIONS = ['gemm', 'selu', 'seluGrad', 'axpy', 'sumRows', 'setThreads', 'info'] as const;

/** `linux-x64-gnu`: the platform key of the prebuilt package and of `npm/<key>/`. */
export function nativePlatformKey(): string {
  const process = globalThis.process;
  const header = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  const libc =
    process.platform === 'linux' ? (header?.header?.glibcVersionRuntime ? '-gnu' : '-musl') : '';
  return `${process.platform}-${process.arch}${libc}`;
}

/**
 * Loads the addon from, in order: `path` (or `SNN_NATIVE_ADDON`), the prebuilt package
 * `@snn/runtime-<platform>` (an optional dependency), and `build/snn-native.node` made by
 * `scripts/build-native.mjs` at install/build time. A file that fails to load (corrupt, another
 * architecture, missing exports) or whose BLAS gives a wrong 2×2 product is reported, not thrown.
 * On x86-64 CPUs with AVX2 and FMA, OpenBLAS is asked for Haswell's kernels
 * ({@link blasCoreToPin}), so a result does not depend on which such CPU computed it.
 */
export async function loadNativeAddon(path?: string): Promise<NativeAddonLoad> {
  if (!isNode()) return { ok: false, why: 'needs Node.js' };
  const [{ createRequire }, { existsSync }, { dirname, join }, { fileURLToPath }] =
    await Promise.all([
      import('node:module'),
      import('node:fs'),
      import('node:path'),
      import('node:url'),
    ]);
  const here = fileURLToPath(import.meta.url);
  const require = createRequire(here);
  const explicit = path ?? globalThis.process.env['SNN_NATIVE_ADDON'];
  const key = nativePlatformKey();
  const candidates: string[] = [];
  if (explicit) {
    candidates.push(explicit);
  } else {
    try {
      candidates.push(require.resolve(`@snn/runtime-${key}`));
    } catch {
      // No prebuilt package for this platform; try the locally built addon.
    }
    // From dist/ (the bundle) and from src/ (tests) alike, the package root is one level up.
    const built = join(dirname(here), '..', 'build', 'snn-native.node');
    if (existsSync(built)) candidates.push(built);
  }
  if (candidates.length === 0) {
    return {
      ok: false,
      why: `not built (no @snn/runtime-${key} package and no build/snn-native.node; it is built at install when a C compiler and Debian's libopenblas-pthread-dev are present: apt-get install build-essential libopenblas-pthread-dev, then pnpm --filter @snn/runtime run build:native)`,
    };
  }
  // OpenBLAS reads OPENBLAS_CORETYPE once, when the addon is loaded.
  const core = blasCoreToPin(globalThis.process.env, await cpuFlags());
  if (core !== null) globalThis.process.env.OPENBLAS_CORETYPE = core;
  const failures: string[] = [];
  for (const candidate of candidates) {
    const loaded = tryLoad(require, candidate);
    if (loaded.ok) return loaded;
    failures.push(loaded.why);
  }
  return { ok: false, why: failures.join('; ') };
}

function tryLoad(require: NodeRequire, path: string): NativeAddonLoad {
  let addon: NativeAddon;
  try {
    addon = require(path) as NativeAddon;
  } catch (error) {
    return { ok: false, why: `${path} failed to load (${firstLine(error)})` };
  }
  const missing = FUNCTIONS.filter((name) => typeof addon?.[name] !== 'function');
  if (missing.length > 0) {
    return { ok: false, why: `${path} lacks ${missing.join(', ')} (an older or foreign build)` };
  }
  try {
    selfTest(addon);
    return { ok: true, addon, path, blas: addon.info().blas };
  } catch (error) {
    return { ok: false, why: `${path}: ${firstLine(error)}` };
  }
}

/** [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]], through the BLAS. */
function selfTest(addon: NativeAddon): void {
  const heap = new Uint8Array(48);
  const f32 = new Float32Array(heap.buffer);
  f32.set([1, 2, 3, 4, 5, 6, 7, 8]);
  addon.gemm(heap, 1, 1, 1, 2, 2, 2, false, false, 0, 16, 32, -1, 0, 0, 0);
  const got = Array.from(f32.subarray(8, 12));
  if (got.join() !== '19,22,43,50') {
    throw new Error(`the BLAS self-test gave ${got.join(', ')} instead of 19, 22, 43, 50`);
  }
}
