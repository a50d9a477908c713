// Figure-1 training-speed benchmark: every available configuration, one child process each, in
// interleaved rounds; writes bench/results/latest.json, a dated copy and latest.md.
//
//   node bench/run.mjs             # everything (≈ 30 min on 2 quiet cores, more when busy)
//   node bench/run.mjs --quick     # fewer steps and rounds, a smoke test
//   node bench/run.mjs --only=pytorch,snn-native --depths=8 --rounds=3 --no-write
//   node bench/run.mjs --render    # rewrite latest.md from latest.json, measure nothing
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  UCI_SHAPE,
  blasKind,
  markdownReport,
  roundEstimate,
  runRecord,
  summarize,
} from './lib/figure1.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const PYTHON = '/usr/bin/python3';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const only = option('only')?.split(',');
const depths = (option('depths') ?? '8,32').split(',').map(Number);
/** Rounds: each runs every configuration once, so each ratio to PyTorch gets a spread. */
const rounds = Number(option('rounds') ?? (quick ? 2 : 5));
/**
 * Trials per round: each runs every configuration once more, in a process of its own, and the
 * round keeps each configuration's fastest trial (`roundEstimate`), which filters out the slow
 * processes a shared machine produces at random.
 */
const trials = Number(option('trials') ?? (quick ? 1 : 3));
for (const [name, value] of [
  ['rounds', rounds],
  ['trials', trials],
]) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`bench: --${name} must be an integer ≥ 1, got ${option(name)}`);
  }
}

/**
 * Steps per configuration and round: [warmup, measured] for depth 8 and depth 32 (the UCI-shaped
 * task has depth 32 only). The slow stock backends get few steps (a tfjs-cpu training step at
 * depth 32 takes ~20 s on 2 cores) and run in the first round only; warm-up is ≥ 1 because the
 * first step also builds the epoch's batches.
 */
const PLAN = {
  train: {
    pytorch: { 8: [5, 30], 32: [3, 10] },
    'snn-native': { 8: [5, 30], 32: [3, 10] },
    'snn-wasm': { 8: [3, 15], 32: [2, 6] },
    'snn-wasm-1t': { 8: [2, 8], 32: [1, 4] },
    'tfjs-node': { 8: [3, 20], 32: [2, 8] },
    'tfjs-wasm': { 8: [1, 5], 32: [1, 3] },
    'tfjs-cpu': { 8: [1, 3], 32: [1, 1] },
    webgpu: { 8: [3, 10], 32: [2, 5] },
  },
  predict: {
    pytorch: { 8: [3, 20], 32: [2, 8] },
    'snn-native': { 8: [3, 20], 32: [2, 8] },
    'snn-wasm': { 8: [2, 10], 32: [1, 5] },
    'snn-wasm-1t': { 8: [2, 6], 32: [1, 3] },
    'tfjs-node': { 8: [2, 10], 32: [1, 5] },
    'tfjs-wasm': { 8: [2, 8], 32: [1, 4] },
    'tfjs-cpu': { 8: [0, 1], 32: [0, 1] },
    webgpu: { 8: [2, 6], 32: [1, 3] },
  },
  uci: {
    pytorch: { 32: [5, 40] },
    'snn-native': { 32: [5, 40] },
    'snn-wasm': { 32: [3, 20] },
    'snn-wasm-1t': { 32: [2, 10] },
    'tfjs-node': { 32: [3, 20] },
    'tfjs-wasm': { 32: [1, 5] },
    'tfjs-cpu': { 32: [1, 2] },
    webgpu: { 32: [2, 6] },
  },
};

/**
 * Configurations measured in the first round only: minutes per round otherwise. `webgpu` joins
 * them when it runs on a software adapter (Mesa's llvmpipe, SwiftShader: the GPU is the CPU).
 */
const FIRST_ROUND_ONLY = new Set(['tfjs-wasm', 'tfjs-cpu']);

/** The configurations: name → how to run it. */
const CONFIGS = {
  pytorch: { kind: 'python' },
  'snn-native': { kind: 'tfjs', backend: 'snn-native' },
  'snn-wasm': { kind: 'tfjs', backend: 'snn-wasm' },
  'snn-wasm-1t': { kind: 'tfjs', backend: 'snn-wasm', threads: 1 },
  'tfjs-node': { kind: 'tfjs', backend: 'tfjs-node' },
  'tfjs-wasm': { kind: 'tfjs', backend: 'wasm' },
  'tfjs-cpu': { kind: 'tfjs', backend: 'cpu' },
  webgpu: { kind: 'tfjs', backend: 'webgpu' },
};

/** Network and batch per task: the Figure-1 network, or the UCI-shaped one. */
const SHAPE = {
  train: { batch: 128 },
  predict: { batch: 1024 },
  uci: { batch: UCI_SHAPE.batch, width: UCI_SHAPE.width, classes: UCI_SHAPE.classes },
};

function machine() {
  let pretty = '';
  try {
    pretty = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {}
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores:
      typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${pretty || os.type()} (${os.platform()} ${os.release()}, ${os.arch()})`,
    date: new Date().toISOString(),
    loadAverage: os.loadavg(),
  };
}

function torchAvailable() {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** The newest modification time of the files in `dir` and its subfolders (0 when it is missing). */
function newestIn(dir) {
  if (!existsSync(dir)) return 0;
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs;
    }),
  );
}

/**
 * Builds @snn/runtime and @snn/backend-native when a dist is missing or older than a source file
 * (the snn-native addon itself is built by backend-native's install step; a machine without a
 * compiler has none, and the bench then reports snn-native as unavailable).
 */
function ensureRuntimeBuilt() {
  for (const name of ['runtime', 'backend-native']) {
    const pkg = join(root, 'packages', name);
    if (!existsSync(join(pkg, 'package.json'))) continue;
    const dist = join(pkg, 'dist/index.js');
    if (existsSync(dist) && statSync(dist).mtimeMs >= newestIn(join(pkg, 'src'))) continue;
    console.error(`bench: building @snn/${name}`);
    execFileSync('pnpm', ['--filter', `@snn/${name}`, 'build'], { cwd: root, stdio: 'inherit' });
  }
}

/** One configuration, one round: a child process; its durations, or why it is unavailable. */
function runChild(name, task, depth) {
  const config = CONFIGS[name];
  const [warmup, steps] = PLAN[task][name][depth].map((v, i) =>
    quick ? Math.max(i === 0 ? Math.min(v, 1) : 1, Math.ceil(v / 4)) : v,
  );
  const common = { name, task, depth, steps, warmup, ...SHAPE[task] };
  const child =
    config.kind === 'python'
      ? spawnSync(
          PYTHON,
          [
            join(here, 'reference/figure1_step.py'),
            ...Object.entries(common).flatMap(([k, v]) => [`--${k}`, String(v)]),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 24 },
        )
      : spawnSync(
          process.execPath,
          [
            join(here, 'figure1-tfjs.mjs'),
            JSON.stringify({ ...common, backend: config.backend, threads: config.threads }),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 24 },
        );
  const out = child.stdout ?? '';
  if (child.status === 3) {
    return {
      skipped:
        out
          .split('\n')
          .find((l) => l.startsWith('UNAVAILABLE '))
          ?.slice(12) ?? 'unavailable',
    };
  }
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || line == null) {
    throw new Error(
      `bench: ${name} ${task} depth ${depth} failed (exit ${child.status}):\n${child.stderr}`,
    );
  }
  return { measured: JSON.parse(line.slice(7)) };
}

/**
 * The record of a configuration from its rounds (each a list of trials): durations pooled, each
 * trial's median kept, and each round's time the fastest of its trials.
 */
function recordOf(name, task, depth, measuredRounds) {
  const all = measuredRounds.flat();
  const trialMedians = measuredRounds.map((round) =>
    round.map((m) => summarize(m.durations).median),
  );
  return runRecord({
    name,
    backend: all[0].backend,
    task,
    depth,
    durations: all.flatMap((m) => m.durations),
    peakRssMb: Math.max(...all.map((m) => m.peakRssMb)),
    repeats: trialMedians.map(roundEstimate),
    ...(trials > 1 ? { trials: trialMedians } : {}),
    ...SHAPE[task],
    extra: all[all.length - 1].extra,
  });
}

if (flag('render')) {
  const dir = join(here, 'results');
  const saved = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'));
  writeFileSync(join(dir, 'latest.md'), markdownReport(saved));
  console.error('bench: rewrote bench/results/latest.md from latest.json');
  process.exit(0);
}

ensureRuntimeBuilt();
const names = Object.keys(CONFIGS).filter((n) => only == null || only.includes(n));
const result = {
  machine: machine(),
  rounds,
  trials,
  runs: [],
  inference: [],
  uci: [],
  skipped: [],
};
const skip = new Map();
if (names.includes('pytorch') && !torchAvailable()) {
  skip.set('pytorch', `${PYTHON} -c 'import torch' fails (install Debian's python3-torch)`);
}
const groups = [
  ...['train', 'predict'].flatMap((task) => depths.map((depth) => ({ task, depth }))),
  { task: 'uci', depth: UCI_SHAPE.depth },
];
/** (task, depth, name) → per round, the child result of each trial. */
const measured = new Map();
const key = (task, depth, name) => `${task}/${depth}/${name}`;
const started = performance.now();
for (let round = 0; round < rounds; round++) {
  for (const { task, depth } of groups) {
    // Rotate the order from round to round: no configuration always follows the same one.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (let trial = 0; trial < trials; trial++) {
      for (const name of order) {
        const once = FIRST_ROUND_ONLY.has(name) && (round > 0 || trial > 0);
        if (skip.has(name) || once) continue;
        process.stderr.write(
          `bench: round ${round + 1}/${rounds}${trials > 1 ? ` trial ${trial + 1}/${trials}` : ''} ${task} ${name} depth ${depth} … `,
        );
        const t0 = performance.now();
        const outcome = runChild(name, task, depth);
        if (outcome.skipped) {
          skip.set(name, outcome.skipped);
          process.stderr.write(`not available (${outcome.skipped.split(';')[0]})\n`);
          continue;
        }
        const k = key(task, depth, name);
        const byRound = measured.get(k) ?? [];
        byRound[round] = [...(byRound[round] ?? []), outcome.measured];
        measured.set(k, byRound);
        if (outcome.measured.extra?.adapter?.software) FIRST_ROUND_ONLY.add(name);
        if (name === 'pytorch' && result.reference == null) {
          const { blasLibraries = [], torch } = outcome.measured.extra ?? {};
          result.reference = { torch, blas: blasKind(blasLibraries), libraries: blasLibraries };
        }
        process.stderr.write(
          `${summarize(outcome.measured.durations).median.toFixed(1)} ms median (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`,
        );
      }
    }
  }
  // After every round, so that a run stopped early keeps the rounds it finished.
  const report = writeResult(round + 1);
  if (round + 1 === rounds) process.stdout.write(report);
}

/** Records from the rounds so far into `result`, the report, and the files unless --no-write. */
function writeResult(roundsDone) {
  result.rounds = roundsDone;
  result.trials = trials;
  for (const list of [result.runs, result.inference, result.uci]) list.length = 0;
  for (const { task, depth } of groups) {
    for (const name of names) {
      const list = measured.get(key(task, depth, name));
      if (list == null) continue;
      const record = recordOf(name, task, depth, list);
      ({ train: result.runs, predict: result.inference, uci: result.uci })[task].push(record);
    }
  }
  result.skipped = [...skip].map(([name, reason]) => ({ name, reason }));
  result.machine.loadAverageAtEnd = os.loadavg();
  result.machine.benchSeconds = Math.round((performance.now() - started) / 1000);
  const report = markdownReport(result);
  if (!flag('no-write')) {
    const dir = join(here, 'results');
    mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    writeFileSync(join(dir, 'latest.json'), json);
    writeFileSync(join(dir, `${result.machine.date.slice(0, 10)}.json`), json);
    writeFileSync(join(dir, 'latest.md'), report);
    console.error(
      `bench: wrote ${join('bench', 'results', 'latest.{json,md}')} and the dated copy (${roundsDone} of ${rounds} rounds)`,
    );
  }
  return report;
}
