// `pnpm -r publish --dry-run`: packs every package as npm would publish it and prints each
// tarball's files; then checks that each tarball holds what a user needs (the licence, the README,
// the changelog, the built entry points) and none of the sources or tests.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../', import.meta.url);
// Under `pnpm run`, npm_execpath is pnpm itself (it need not be on PATH, e.g. when run via npx).
const execpath = process.env.npm_execpath;
const [command, prefix] =
  execpath && /pnpm\.c?js$/.test(execpath) ? [process.execPath, [execpath]] : ['pnpm', []];
// npm prints the tarball contents as notices on stderr: read them from there.
const run = spawnSync(
  command,
  [...prefix, '-r', '--filter', './packages/*', 'publish', '--dry-run', '--no-git-checks'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 },
);
const output = `${run.stdout}${run.stderr}`;
process.stdout.write(output);
if (run.status !== 0) {
  console.error(`check-publish: \`pnpm -r publish --dry-run\` failed (exit code ${run.status})`);
  process.exit(1);
}

/** Tarball name → the files listed under its "Tarball Contents". */
const tarballs = new Map();
let current = null;
for (const line of output.split('\n')) {
  const header = /npm notice 📦\s+(@snn\/[^@\s]+)@/.exec(line);
  if (header) {
    current = [];
    tarballs.set(header[1], current);
  } else if (/npm notice Tarball Details/.test(line)) {
    current = null;
  } else if (current) {
    const file = /npm notice [\d.]+k?M?B\s+(\S+)$/.exec(line)?.[1];
    if (file) current.push(file);
  }
}

const failures = [];
for (const dir of readdirSync(new URL('packages/', root))) {
  const manifest = JSON.parse(readFileSync(new URL(`packages/${dir}/package.json`, root), 'utf8'));
  const files = tarballs.get(manifest.name);
  if (!files) {
    failures.push(`${manifest.name}: no tarball in the dry run's output`);
    continue;
  }
  const entries = Object.values(manifest.exports ?? {})
    .flatMap((entry) => (typeof entry === 'string' ? [] : Object.values(entry)))
    .flatMap((condition) => Object.values(condition))
    .map((path) => path.replace(/^\.\//, ''));
  for (const needed of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', ...entries]) {
    if (!files.includes(needed)) failures.push(`${manifest.name}: the tarball lacks ${needed}`);
  }
  for (const file of files) {
    if (/^src\/|\.test\.|^test\//.test(file)) {
      failures.push(`${manifest.name}: the tarball ships ${file}; keep \`files\` to dist/`);
    }
  }
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`check-publish: ${failure}`);
  process.exit(1);
}
console.log(
  `check-publish: ${tarballs.size} tarballs hold their licence, README, changelog and entry points`,
);
