import { firstLine } from '../../../internal/first-line';

/**
 * The functions of the `snn-native` addon (`native/snn-native.c`). `heap` is a byte view of the
 * whole wasm heap; offsets are in bytes, sizes in float32 elements. See the C source for the math.
 */
export interface NativeAddon {
  /**
   * C[i] = act(op(A[i mod batchA]) · op(B[i mod batchB]) + bias) for i < batch, row-major, op(X)
   * = Xᵀ when its flag is set; `biasOffset` −1 for none, `biasSize` n (per column) or 1;
   * `activation` 0–5: linear, relu, relu6, elu, leakyrelu (slope `leakyAlpha`), sigmoid.
   */
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
  /** y = λx (x > 0), λα(eˣ − 1) (x ≤ 0), elementwise over `size` values. */
  selu(heap: Uint8Array, size: number, xOffset: number, yOffset: number): void;
  /** dx = λ·dy (x > 0), λα·eˣ·dy (x ≤ 0): SELU's input gradient. */
  seluGrad(
    heap: Uint8Array,
    size: number,
    dyOffset: number,
    xOffset: number,
    dxOffset: number,
  ): void;
  /** out = alpha·x + y: the SGD update w − η·g with alpha = −η. */
  axpy(
    heap: Uint8Array,
    size: number,
    xOffset: number,
    yOffset: number,
    outOffset: number,
    alpha: number,
  ): void;
  /** out[c] = Σ_{j < rows} x[j·cols + c], each column added in row order. */
  sumRows(heap: Uint8Array, rows: number, cols: number, xOffset: number, outOffset: number): void;
  /**
   * w[r, c] = v[r, c] · g[c] / √(Σ_j v[j, c]² + eps) for v of rows × cols, row-major: a
   * weight-normalized kernel, rounded as tfjs's composite of that formula.
   */
  weightNorm(
    heap: Uint8Array,
    rows: number,
    cols: number,
    vOffset: number,
    gOffset: number,
    wOffset: number,
    epsilon: number,
  ): void;
  /** dv (rows × cols) and dg (cols) of {@link NativeAddon.weightNorm} given dw, as tfjs's gradients. */
  weightNormGrad(
    heap: Uint8Array,
    rows: number,
    cols: number,
    dwOffset: number,
    vOffset: number,
    gOffset: number,
    dvOffset: number,
    dgOffset: number,
    epsilon: number,
  ): void;
  /**
   * y = (x − μ)·(σ² + eps)^(−1/2)·γ + β per row of x (rows × cols), with μ and a = σ² + eps of
   * each row written to `muOffset` and `aOffset`: rounded as tfjs's composite of that formula.
   */
  layerNorm(
    heap: Uint8Array,
    rows: number,
    cols: number,
    xOffset: number,
    gammaOffset: number,
    betaOffset: number,
    yOffset: number,
    muOffset: number,
    aOffset: number,
    epsilon: number,
  ): void;
  /** dx, dγ, dβ of {@link NativeAddon.layerNorm} given dy and a^1.5 per row, as tfjs's gradients. */
  layerNormGrad(
    heap: Uint8Array,
    rows: number,
    cols: number,
    dyOffset: number,
    xOffset: number,
    gammaOffset: number,
    powOffset: number,
    dxOffset: number,
    dgammaOffset: number,
    dbetaOffset: number,
    epsilon: number,
  ): void;
  /**
   * The five gradients of tfjs's `FusedBatchNorm` given dy (rows × cols; one mean, variance and
   * scale per column, `scaleOffset` −1 for a scale of 1), rounded as tfjs-core's gradient.
   */
  batchNormGrad(
    heap: Uint8Array,
    rows: number,
    cols: number,
    dyOffset: number,
    xOffset: number,
    meanOffset: number,
    varianceOffset: number,
    scaleOffset: number,
    dxOffset: number,
    dmeanOffset: number,
    dvarianceOffset: number,
    dscaleOffset: number,
    doffsetOffset: number,
    epsilon: number,
  ): void;
  /** c ← c + b per row of c (rows × cols; b: cols), one float32 rounding each, as tfjs's Add. */
  biasAdd(
    heap: Uint8Array,
    rows: number,
    cols: number,
    cOffset: number,
    biasOffset: number,
    unused: 0,
  ): void;
  /**
   * A batch-norm layer's training step on x (rows × cols): y, and the moving mean and variance
   * (one per column) updated with `decay` = 1 − momentum into `newMeanOffset` and
   * `newVarianceOffset`, rounded as tfjs-layers' `BatchNormalization` in training computes them.
   */
  batchNormTrain(
    heap: Uint8Array,
    rows: number,
    cols: number,
    xOffset: number,
    gammaOffset: number,
    betaOffset: number,
    movingMeanOffset: number,
    movingVarianceOffset: number,
    yOffset: number,
    newMeanOffset: number,
    newVarianceOffset: number,
    epsilon: number,
    decay: number,
  ): void;
  /** dx, dγ, dβ of {@link NativeAddon.batchNormTrain} given dy, as tfjs's gradients of the layer. */
  batchNormTrainGrad(
    heap: Uint8Array,
    rows: number,
    cols: number,
    dyOffset: number,
    xOffset: number,
    gammaOffset: number,
    dxOffset: number,
    dgammaOffset: number,
    dbetaOffset: number,
    epsilon: number,
  ): void;
  /**
   * Fills `size` float32 values at `outOffset` with the numbers of Baagøe's Alea generator from
   * state (s0, s1, s2, c), as seedrandom's `alea` draws them (tfjs's seeded `tf.randomUniform`).
   */
  aleaUniform(
    heap: Uint8Array,
    size: number,
    outOffset: number,
    s0: number,
    s1: number,
    s2: number,
    c: number,
  ): void;
  /**
   * A dropout mask from uniform noise u applied to x: mode 0 (alpha dropout) out = x·a + b where
   * u ≥ threshold, `dropped` elsewhere; mode 1 (inverted dropout) out = x·(keep·a), keep = u <
   * threshold. Rounded as the tfjs composites of @snn/selu and @snn/snn-layers.
   */
  dropout(
    heap: Uint8Array,
    size: number,
    xOffset: number,
    uOffset: number,
    outOffset: number,
    mode: 0 | 1,
    threshold: number,
    a: number,
    b: number,
    dropped: number,
  ): void;
  /** The input gradient of {@link NativeAddon.dropout} given dy: dy·keep·a (rounded as tfjs's). */
  dropoutGrad(
    heap: Uint8Array,
    size: number,
    dyOffset: number,
    uOffset: number,
    dxOffset: number,
    mode: 0 | 1,
    threshold: number,
    a: number,
  ): void;
  /** y = c + t·(h − c): a highway layer's gate, rounded as tfjs's add(c, mul(t, sub(h, c))). */
  highway(
    heap: Uint8Array,
    size: number,
    cOffset: number,
    hOffset: number,
    tOffset: number,
    yOffset: number,
  ): void;
  /**
   * The gradients of that gate given dy, through ReLU (s = step of its input) and the sigmoid
   * (output t): dc = dy − dy·t, dh = dy·t·s, dt = dy·(h − c)·(t·(1 − t)), rounded as tfjs's.
   */
  highwayGrad(
    heap: Uint8Array,
    size: number,
    dyOffset: number,
    cOffset: number,
    hOffset: number,
    tOffset: number,
    sOffset: number,
    dcOffset: number,
    dhOffset: number,
    dtOffset: number,
  ): void;
  /** Sets the BLAS threads, an integer in [1, 1024]. */
  setThreads(threads: number): void;
  /** `blas` names the library and, for OpenBLAS, the kernels in use (e.g. `… Haswell …`). */
  info(): { blas: string; threads: number; cores: number };
}

/** The addon, where it came from, or why it could not be loaded. */
export type NativeAddonLoad =
  | { ok: true; addon: NativeAddon; path: string; blas: string }
  | { ok: false; why: string };

const FUNCTIONS = [
  'gemm',
  'selu',
  'seluGrad',
  'axpy',
  'sumRows',
  'weightNorm',
  'weightNormGrad',
  'layerNorm',
  'layerNormGrad',
  'batchNormGrad',
  'biasAdd',
  'batchNormTrain',
  'batchNormTrainGrad',
  'aleaUniform',
  'dropout',
  'dropoutGrad',
  'highway',
  'highwayGrad',
  'setThreads',
  'info',
] as const;

/** The scope and name prefix of the prebuilt packages: `@snn/backend-native-<platform>`. */
const PREBUILT_PREFIX = '@snn/backend-native-';

/**
 * This machine's platform key, as the prebuilt packages are named: `linux-x64-gnu`,
 * `linux-x64-musl`, `darwin-arm64`, …
 *
 * @example
 * nativePlatformKey(); // 'linux-x64-gnu' on glibc Linux on x86-64
 */
export function nativePlatformKey(): string {
  const process = globalThis.process;
  const header = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } };
  const libc =
    process.platform === 'linux' ? (header?.header?.glibcVersionRuntime ? '-gnu' : '-musl') : '';
  return `${process.platform}-${process.arch}${libc}`;
}

/** Node's `require`, from this file, and the package root (one level above src/ and dist/). */
async function locate(): Promise<{ require: NodeRequire; root: string }> {
  const [{ createRequire }, { dirname, join }, { fileURLToPath }] = await Promise.all([
    import('node:module'),
    import('node:path'),
    import('node:url'),
  ]);
  const here = fileURLToPath(import.meta.url);
  return { require: createRequire(here), root: join(dirname(here), '..') };
}

/**
 * The path of the prebuilt addon of this platform (`@snn/backend-native-<platform>`, an optional
 * dependency), or `null` when no such package is installed or it holds no binary.
 *
 * @example
 * await prebuiltAddonPath(); // '/…/node_modules/@snn/backend-native-linux-x64-gnu/snn-native.node'
 */
export async function prebuiltAddonPath(): Promise<string | null> {
  if (!isNode()) return null;
  const { require } = await locate();
  try {
    return require.resolve(`${PREBUILT_PREFIX}${nativePlatformKey()}`);
  } catch {
    return null;
  }
}

/**
 * Loads the addon from, in order: `path` (or `SNN_NATIVE_ADDON`); `build/snn-native.node`, which
 * exists only when it was built on this machine (`scripts/build-native.mjs`: at install when no
 * prebuilt loads, or on request); the prebuilt package `@snn/backend-native-<platform>`. A file
 * that fails to load (corrupt, another architecture, missing exports) or whose BLAS gives a wrong
 * 2×2 product is reported, not thrown.
 *
 * On x86-64 CPUs with AVX2 and FMA the addon asks OpenBLAS for Haswell's kernels when it is loaded
 * (see `native/snn-native.c`), so a result does not depend on which such CPU computed it; the
 * `blas` string names the kernels in use.
 *
 * @param path - An addon file to load instead of the installed one.
 * @returns `{ ok: true, addon, path, blas }`, or `{ ok: false, why }` with the reason for each file.
 * @example
 * const load = await loadNativeAddon();
 * if (load.ok) console.log(load.blas); // 'OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64'
 * else console.log(load.why);
 */
export async function loadNativeAddon(path?: string): Promise<NativeAddonLoad> {
  if (!isNode()) return { ok: false, why: 'needs Node.js' };
  const [{ existsSync }, { join }, { require, root }] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    locate(),
  ]);
  const explicit = path ?? globalThis.process.env['SNN_NATIVE_ADDON'];
  const candidates: string[] = [];
  if (explicit) {
    candidates.push(explicit);
  } else {
    const built = join(root, 'build', 'snn-native.node');
    if (existsSync(built)) candidates.push(built);
    const prebuilt = await prebuiltAddonPath();
    if (prebuilt !== null) candidates.push(prebuilt);
  }
  if (candidates.length === 0) {
    return {
      ok: false,
      why: `not installed for ${nativePlatformKey()} (no ${PREBUILT_PREFIX}${nativePlatformKey()} package and no build/snn-native.node; it is built at install when no prebuilt package fits and a C compiler and Debian's libopenblas-pthread-dev are present: apt-get install build-essential libopenblas-pthread-dev, then node node_modules/@snn/backend-native/scripts/build-native.mjs)`,
    };
  }
  const failures: string[] = [];
  for (const candidate of candidates) {
    const loaded = tryLoad(require, candidate);
    if (loaded.ok) return loaded;
    failures.push(loaded.why);
  }
  return { ok: false, why: failures.join('; ') };
}

function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
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
