// Builds the `snn-native` addon (native/snn-native.c) into build/snn-native.node with the
// system's C compiler, linking a BLAS statically so the binary needs nothing but libc at run
// time. Downloads nothing: the Node-API headers come from the `node-api-headers` npm package, the
// BLAS from Debian's libopenblas-pthread-dev (default) or libblis-dev.
//
//   node scripts/build-native.mjs                  # build unless up to date; never fails
//   node scripts/build-native.mjs --march-native   # for this machine's CPU only (see below)
//   node scripts/build-native.mjs --package        # into npm/<platform>/, the prebuilt package
//   SNN_NATIVE_BLAS=blis node scripts/build-native.mjs
//   SNN_NATIVE_REQUIRED=1 node scripts/build-native.mjs   # fail when the addon cannot be built (CI)
//
// The code is compiled for the architecture's baseline (x86-64: SSE2), so a binary runs on every
// CPU of its architecture; OpenBLAS (DYNAMIC_ARCH) picks its kernels at run time. `--march-native`
// (or SNN_NATIVE_MARCH=native) compiles for the building machine's CPU instead: a binary that may
// crash elsewhere with an illegal instruction, only for a build a user asks for on their machine.
// Results are the same either way (no fused multiply-adds: -ffp-contract=off).
//
// Without a compiler or a static BLAS it prints why and exits 0, so that an install always
// succeeds; `selectBackend` then reports why `snn-native` is unavailable.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const source = join(pkg, 'native/snn-native.c');
const forPackage = process.argv.includes('--package');
const marchNative =
  process.argv.includes('--march-native') || process.env.SNN_NATIVE_MARCH === 'native';
const output = join(pkg, forPackage ? 'build/package/snn-native.node' : 'build/snn-native.node');
/** What the output was built with: a different choice is a rebuild, not "up to date". */
const stamp = `${output}.flags`;
const required = process.env.SNN_NATIVE_REQUIRED === '1';
const which = process.env.SNN_NATIVE_BLAS ?? 'openblas';

/** Stops with a message: an error in CI (`SNN_NATIVE_REQUIRED=1`), a note otherwise. */
function skip(why) {
  console.error(
    `snn-native: not built (${why}); @snn/runtime falls back to snn-wasm. To build it: apt-get install build-essential libopenblas-pthread-dev, then node node_modules/@snn/backend-native/scripts/build-native.mjs`,
  );
  process.exit(required ? 1 : 0);
}

if (forPackage && marchNative) skip('--package builds for the baseline CPU; drop --march-native');
if (process.platform !== 'linux')
  skip(`building from source is set up for Linux, this is ${process.platform}`);
const cc = process.env.CC ?? 'cc';
if (spawnSync(cc, ['--version'], { stdio: 'ignore' }).status !== 0) skip(`no C compiler (${cc})`);

let napiInclude;
try {
  napiInclude = join(
    dirname(createRequire(import.meta.url).resolve('node-api-headers/package.json')),
    'include',
  );
} catch {
  skip('the node-api-headers package is not installed');
}

// Debian's multiarch directory, e.g. x86_64-linux-gnu.
const multiarch =
  spawnSync(cc, ['-print-multiarch'], { encoding: 'utf8' }).stdout?.trim() ||
  `${process.arch === 'x64' ? 'x86_64' : process.arch}-linux-gnu`;
const BLAS = {
  openblas: {
    include: [`/usr/include/${multiarch}/openblas-pthread`],
    library: `/usr/lib/${multiarch}/openblas-pthread/libopenblas.a`,
    flags: ['-lpthread'],
    package: 'libopenblas-pthread-dev',
  },
  blis: {
    include: [`/usr/include/${multiarch}`, `/usr/include/${multiarch}/blis-openmp`],
    library: `/usr/lib/${multiarch}/libblis.a`,
    flags: ['-DSNN_BLIS', '-fopenmp', '-lpthread'],
    package: 'libblis-dev',
  },
};
const blas = BLAS[which];
if (blas == null) skip(`SNN_NATIVE_BLAS must be openblas or blis, got ${which}`);
if (!existsSync(blas.library))
  skip(`no static BLAS at ${blas.library} (Debian package ${blas.package})`);

const args = [
  '-O3',
  // Lets GCC turn the elementwise loops' selects into vector blends (no FP traps are used).
  '-fno-trapping-math',
  // No fused multiply-adds the source does not write: the same rounding on every CPU, with or
  // without FMA, as the wasm kernels (wasm has no FMA), baseline or -march=native.
  '-ffp-contract=off',
  ...(marchNative ? ['-march=native'] : []),
  '-fPIC',
  '-shared',
  '-std=c11',
  '-D_GNU_SOURCE',
  '-Wall',
  '-Wextra',
  // Only the addon's entry point is exported; the BLAS stays private to it.
  '-fvisibility=hidden',
  '-Wl,--exclude-libs,ALL',
  '-s',
  `-I${napiInclude}`,
  ...blas.include.flatMap((dir) => ['-isystem', dir]),
  source,
  blas.library,
  ...blas.flags,
  '-lm',
  '-o',
  output,
];
const flags = JSON.stringify({ cc, args });
const inputs = [source, join(pkg, 'native/blas.h'), fileURLToPath(import.meta.url)];
const upToDate =
  existsSync(output) &&
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8') === flags &&
  inputs.every((file) => statSync(file).mtimeMs <= statSync(output).mtimeMs);
if (!upToDate) {
  mkdirSync(dirname(output), { recursive: true });
  try {
    execFileSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    skip(`${cc} failed to compile or link ${source}`);
  }
  writeFileSync(stamp, flags);
  const target = marchNative ? 'this CPU (-march=native)' : 'the baseline CPU';
  console.error(`snn-native: built ${output} (${which}, for ${target})`);
}

if (forPackage) {
  const libc = process.report?.getReport().header.glibcVersionRuntime ? 'gnu' : 'musl';
  const dir = join(pkg, `npm/${process.platform}-${process.arch}-${libc}`);
  if (!existsSync(join(dir, 'package.json'))) skip(`no platform package at ${dir}`);
  copyFileSync(output, join(dir, 'snn-native.node'));
  console.error(`snn-native: copied into ${dir}`);
}
