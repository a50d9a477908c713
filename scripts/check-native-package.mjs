// The prebuilt snn-native addon as a user gets it. Packs @snn/runtime, @snn/backend-native and
// @snn/backend-native-linux-x64-gnu (`pnpm pack`; packing the platform package builds its addon
// for the baseline CPU), installs the tarballs into a fresh project with install scripts disabled
// (`npm install --ignore-scripts`: nothing is compiled there), and checks that
//   1. the package's install step, were it run, would take the prebuilt addon and build nothing;
//   2. the addon needs no BLAS at run time (`ldd` lists no openblas and nothing missing);
//   3. `selectBackend('auto')` picks `snn-native` with the prebuilt package's addon, and a small
//      training run on it (products, SELU, its gradient, sums, the SGD step) computes;
//   4. the same runs under `qemu-x86_64 -cpu Nehalem` (SSE4.2; no AVX, AVX2 or FMA) without an
//      illegal instruction, OpenBLAS choosing kernels other than Haswell's there.
//
//   pnpm run build && node scripts/check-native-package.mjs
//
// Without a C compiler or OpenBLAS's static library (the prebuilt addon cannot be made), or without
// qemu-x86_64 for step 4, it says why and exits 0; with SNN_NATIVE_REQUIRED=1 (CI) those fail.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const required = process.env.SNN_NATIVE_REQUIRED === '1';
const PLATFORM = 'linux-x64-gnu';
const PACKAGES = {
  '@snn/runtime': 'packages/runtime',
  '@snn/backend-native': 'packages/backend-native',
  [`@snn/backend-native-${PLATFORM}`]: `packages/backend-native/npm/${PLATFORM}`,
};
const TFJS = ['tfjs-core', 'tfjs-layers', 'tfjs-backend-cpu', 'tfjs-backend-wasm'];

function fail(message) {
  console.error(`check-native-package: ${message}`);
  process.exit(1);
}

/** Stops without failing, unless the check is required (CI). */
function skip(why) {
  if (required) fail(`${why} (required: SNN_NATIVE_REQUIRED=1)`);
  console.error(`check-native-package: skipped, ${why}`);
  process.exit(0);
}

/** pnpm itself: under `pnpm run` npm_execpath points at it (it need not be on PATH). */
function pnpm(args, cwd) {
  const execpath = process.env.npm_execpath;
  const viaNode = execpath !== undefined && /pnpm\.c?js$/.test(execpath);
  return spawnSync(viaNode ? process.execPath : 'pnpm', [...(viaNode ? [execpath] : []), ...args], {
    cwd,
    encoding: 'utf8',
  });
}

const glibc = process.report?.getReport().header.glibcVersionRuntime;
if (`${process.platform}-${process.arch}-${glibc ? 'gnu' : 'musl'}` !== PLATFORM) {
  skip(`the prebuilt package is made for ${PLATFORM}, this is ${process.platform}-${process.arch}`);
}
for (const dir of ['packages/runtime', 'packages/backend-native']) {
  if (!existsSync(join(root, dir, 'dist/index.js'))) {
    fail(`${dir}/dist is missing; run \`pnpm run build\` first`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'snn-native-package-'));
const project = join(work, 'project');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// Pack, as publishing would; the platform package's prepack builds its addon.
const tarballs = [];
for (const [name, dir] of Object.entries(PACKAGES)) {
  const packed = pnpm(['pack', '--pack-destination', join(work, 'tarballs')], join(root, dir));
  if (packed.status !== 0) {
    const why = `${packed.stderr}${packed.stdout}`.trim().split('\n').slice(-3).join(' / ');
    if (name.endsWith(PLATFORM)) skip(`the prebuilt addon could not be built: ${why}`);
    fail(`pnpm pack failed for ${name}: ${why}`);
  }
  tarballs.push(packed.stdout.trim().split('\n').at(-1));
}
console.error(
  `check-native-package: packed ${tarballs.map((t) => t.split('/').at(-1)).join(', ')}`,
);

// A fresh project; no install script runs, so nothing is built there.
mkdirSync(project);
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
);
execFileSync(
  'npm',
  [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--ignore-scripts',
    '--loglevel=error',
    ...tarballs,
    ...TFJS.map((name) => `@tensorflow/${name}@4.22.0`),
  ],
  { cwd: project, stdio: ['ignore', 'pipe', 'inherit'], timeout: 400_000 },
);
const modules = join(project, 'node_modules/@snn');
if (existsSync(join(modules, 'backend-native/build'))) fail('an addon was built at install');
const addon = join(modules, `backend-native-${PLATFORM}/snn-native.node`);
if (!existsSync(addon)) fail(`the platform package holds no addon (${addon})`);

// 1. Its install step, had it run, finds the prebuilt addon and builds nothing (no compiler needed).
const install = spawnSync(process.execPath, [join(modules, 'backend-native/scripts/install.mjs')], {
  cwd: project,
  env: { ...process.env, CC: '/nonexistent/cc', SNN_NATIVE_REQUIRED: '1' },
  encoding: 'utf8',
});
if (install.status !== 0 || !/using the prebuilt/.test(install.stderr)) {
  fail(`the install step did not settle for the prebuilt addon: ${install.stderr}`);
}
if (existsSync(join(modules, 'backend-native/build'))) fail('the install step built an addon');

// 2. Needs no BLAS at run time.
const ldd = execFileSync('ldd', [addon], { encoding: 'utf8' });
if (/openblas|blis|not found/i.test(ldd)) fail(`the addon needs shared libraries:\n${ldd}`);

// 3. auto → snn-native from the prebuilt package, and a small training run on it.
writeFileSync(
  join(project, 'check.mjs'),
  `import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend, trainModel } from '@snn/runtime';
import { loadNativeAddon } from '@snn/backend-native';
const choice = await selectBackend('auto', { threads: 1, gpuVisible: false });
const load = await loadNativeAddon();
const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])).arraySync();
const init = () => tfl.initializers.randomNormal({ stddev: 0.5, seed: 1 });
const model = tfl.sequential({ layers: [
tfl.layers.dense({ units: 16, activation: 'selu', inputShape: [4], kernelInitializer: init() }),
tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init() }),
] });
const x = tf.randomNormal([64, 4], 0, 1, 'float32', 2);
const y = tf.oneHot(tf.cast(tf.greater(tf.sum(x, 1), 0), 'int32'), 2);
const { losses } = await trainModel(model, x, y, {
epochs: 3, batchSize: 16, optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', seed: 1,
});
console.log(JSON.stringify({ backend: choice.name, path: load.ok ? load.path : load.why,
blas: load.ok ? load.blas : '', product, losses }));
`,
);
/** Runs check.mjs (under `prefix`, e.g. qemu) without a preset OpenBLAS core. */
const run = (prefix) => {
  const { OPENBLAS_CORETYPE, SNN_BLAS_CORE, ...env } = process.env;
  const started = Date.now();
  const [command, ...args] = [...prefix, process.execPath, 'check.mjs'];
  const out = spawnSync(command, args, { cwd: project, env, encoding: 'utf8', timeout: 300_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where = prefix.length ? prefix.join(' ') : 'this CPU';
  if (out.status !== 0) {
    const signal = out.status === 132 || out.signal === 'SIGILL' ? ' (illegal instruction)' : '';
    fail(`on ${where}: exit ${out.status ?? out.signal}${signal}\n${out.stderr.slice(-2000)}`);
  }
  const result = JSON.parse(out.stdout.trim().split('\n').at(-1));
  if (result.backend !== 'snn-native') fail(`on ${where}: auto chose ${result.backend}`);
  if (!result.path.startsWith(join(modules, `backend-native-${PLATFORM}`))) {
    fail(`on ${where}: the addon came from ${result.path}, not the prebuilt package`);
  }
  if (JSON.stringify(result.product) !== '[[19,22],[43,50]]') {
    fail(`on ${where}: [[1, 2], [3, 4]] · [[5, 6], [7, 8]] gave ${JSON.stringify(result.product)}`);
  }
  if (!(result.losses.length === 3 && result.losses.every(Number.isFinite))) {
    fail(`on ${where}: training gave losses ${result.losses}`);
  }
  const core = / (\w+) MAX_THREADS/.exec(result.blas)?.[1] ?? result.blas;
  console.error(
    `check-native-package: ${where}: auto → snn-native, prebuilt addon, OpenBLAS core ${core}, losses ${result.losses.map((l) => l.toFixed(4)).join(' ')} (${seconds} s)`,
  );
  return core;
};
run([]);

// 4. A CPU from 2008: no AVX, AVX2 or FMA.
if (spawnSync('qemu-x86_64', ['-version'], { stdio: 'ignore' }).status !== 0) {
  skip('qemu-x86_64 is not installed (Debian: apt-get install qemu-user)');
}
const core = run(['qemu-x86_64', '-cpu', 'Nehalem']);
if (core === 'Haswell') fail("under Nehalem OpenBLAS was asked for Haswell's kernels");
console.error('check-native-package: ok');
