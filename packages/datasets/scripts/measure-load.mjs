#!/usr/bin/env node
// Measures wall time and peak memory (max RSS) to load UCI `letter` (20,000 × 16) and the
// embedded MNIST digits with the built package (run `pnpm --filter @snn/datasets build` first).
//
//   node packages/datasets/scripts/measure-load.mjs [path/to/uci121/data.tar.gz]
//
// Each load runs in a fresh Node process (3 runs each), so peak RSS is that of one load; the
// baseline is the same process after importing the package, before loading anything.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, '..', 'dist', 'index.js');
const archive = resolve(
  process.argv[3] ??
    process.argv[2] ??
    join(here, '..', '..', '..', '..', 'shared', 'data', 'uci121', 'data.tar.gz'),
);

if (process.argv[2] === '--child') {
  const what = process.argv[3];
  const datasets = await import(entry);
  const baseline = process.memoryUsage().rss;
  const t0 = performance.now();
  let shape;
  if (what === 'letter') {
    const ds = await datasets.loadUci121('letter', { archive: process.argv[4] });
    shape = `${ds.data.n} × ${ds.data.d}`;
  } else {
    const m = await datasets.loadMnist({ source: 'embedded' });
    shape = `${m.train.n} + ${m.test.n} × ${m.train.d}`;
  }
  const ms = performance.now() - t0;
  // resourceUsage().maxRSS is in KiB.
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ what, shape, ms, peak, baseline }));
  process.exit(0);
}

const runs = (what, extra = []) =>
  [0, 1, 2].map((i) => {
    const out = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child', what, ...extra],
      {
        encoding: 'utf8',
      },
    );
    return JSON.parse(out);
  });

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(
  `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${mb(totalmem())} RAM, Node ${process.version}, ${process.platform}`,
);
// The same dataset from an unpacked copy of its folder, for comparison with the archive.
const { x: extract } = await import('tar');
const unpacked = mkdtempSync(join(tmpdir(), 'snn-measure-'));
await extract({ file: archive, cwd: unpacked, filter: (p) => /(^|\/)letter\//.test(p) });
for (const [label, what, extra] of [
  ["loadUci121('letter', {archive: 'data.tar.gz'})", 'letter', [archive]],
  ["loadUci121('letter', {archive: <unpacked folder>})", 'letter', [unpacked]],
  ['loadMnist() (embedded)', 'mnist', []],
]) {
  const r = runs(what, extra);
  console.log(
    `${label}: ${r[0].shape}; ` +
      `time median ${median(r.map((x) => x.ms)).toFixed(0)} ms (runs ${r.map((x) => x.ms.toFixed(0)).join(', ')}); ` +
      `peak RSS ${mb(Math.max(...r.map((x) => x.peak)))} (after import, before loading: ${mb(median(r.map((x) => x.baseline)))})`,
  );
}
rmSync(unpacked, { recursive: true, force: true });
