// The quick tabular commands of docs/tabular.md on snn-native (what `--backend auto` picks when the
// addon is built) and on snn-wasm, side by side in one run: the wall time of each, and how far the
// results of the two backends lie apart (float32 rounding differs; the conclusions must not).
// Writes bench/results/quick-commands.json and .md.
//
//   node bench/quick-commands.mjs               # each command once per backend, ≈ 5 min on 2 cores
//   node bench/quick-commands.mjs --rounds=2 --no-write
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareHtru2, compareUci, quickCommandsReport } from './lib/quick-commands.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cli = join(root, 'packages/experiments/dist/cli.js');
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const rounds = Number(option('rounds') ?? 1);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new Error(`bench: --rounds must be an integer ≥ 1, got ${option('rounds')}`);
}

const UCI_ARCHIVE = join(root, '../shared/data/uci121/data.tar.gz');
const HTRU2_FILE = join(root, '../shared/data/htru2/HTRU2.zip');

/** The commands, as docs/tabular.md gives them, and how to compare two of their results. */
const COMMANDS = [
  {
    name: 'uci',
    args: [
      'uci',
      '--datasets',
      'iris,glass,wine',
      '--archs',
      'snn,batchnorm',
      '--grid',
      'quick',
      '--archive',
      UCI_ARCHIVE,
    ],
    data: UCI_ARCHIVE,
    output: 'uci.json',
    compare: compareUci,
  },
  {
    name: 'htru2',
    args: ['htru2', '--archs', 'snn', '--grid', 'quick', '--file', HTRU2_FILE],
    data: HTRU2_FILE,
    output: 'htru2.json',
    compare: compareHtru2,
  },
];
const BACKENDS = ['auto', 'snn-wasm'];

if (!existsSync(cli)) {
  throw new Error(`bench: ${cli} is missing; run \`pnpm install\` (it builds every package) first`);
}

const runs = [];
const skipped = [];
for (const [index, command] of COMMANDS.entries()) {
  if (!existsSync(command.data)) {
    skipped.push({ name: command.name, reason: `no offline copy at ${command.data}` });
    continue;
  }
  for (let round = 0; round < rounds; round++) {
    // Alternate which backend goes first, from round to round and from command to command, so
    // that neither always runs on a warmer machine.
    const order = (round + index) % 2 === 0 ? BACKENDS : [...BACKENDS].reverse();
    for (const backend of order) {
      const out = mkdtempSync(join(os.tmpdir(), `snn-bench-${command.name}-`));
      process.stderr.write(`bench: ${command.name} --backend ${backend} (round ${round + 1}) … `);
      const t0 = performance.now();
      const child = spawnSync(
        process.execPath,
        [cli, ...command.args, '--backend', backend, '--out', out],
        { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      const wallSeconds = (performance.now() - t0) / 1000;
      if (child.status !== 0) {
        throw new Error(
          `bench: snn ${command.args.join(' ')} --backend ${backend} failed (exit ${child.status}):\n${child.stderr}`,
        );
      }
      const result = JSON.parse(readFileSync(join(out, command.output), 'utf8'));
      rmSync(out, { recursive: true, force: true });
      process.stderr.write(`${wallSeconds.toFixed(1)} s on ${result.config.backend}\n`);
      runs.push({
        command: command.name,
        cli: `snn ${command.args.join(' ').replaceAll(`${join(root, '..')}/`, '../')}`,
        requested: backend,
        backend: result.config.backend,
        round: round + 1,
        wallSeconds: Math.round(wallSeconds * 10) / 10,
        workerSeconds: Math.round(result.provenance.workerSeconds * 10) / 10,
        result,
      });
    }
  }
}

const comparisons = COMMANDS.flatMap((command) => {
  const of = (requested) =>
    runs.find((r) => r.command === command.name && r.requested === requested);
  const [a, b] = BACKENDS.map(of);
  return a == null || b == null
    ? []
    : [
        {
          command: command.name,
          a: a.backend,
          b: b.backend,
          ...command.compare(a.result, b.result),
        },
      ];
});

const machine = {
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  node: process.version,
  date: new Date().toISOString(),
  loadAverage: os.loadavg(),
};
const record = {
  machine,
  runs: runs.map(({ result, ...rest }) => rest),
  comparisons,
  skipped,
};
const report = quickCommandsReport(record);
process.stdout.write(report);
if (!args.includes('--no-write')) {
  writeFileSync(join(here, 'results/quick-commands.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(here, 'results/quick-commands.md'), report);
  console.error('bench: wrote bench/results/quick-commands.{json,md}');
}
