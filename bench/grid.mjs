// Configurations per core-hour on a fixed slice of the table1-small UCI grid: ours (`snn uci
// --workers 2 --backend auto`, our fastest path) against PyTorch (reference/grid_torch.py) on the
// same rows, networks, epochs, batch size and optimizer. CPU time of each side's whole process tree
// comes from /usr/bin/time. Writes bench/results/grid-<date>T<hhmm>.json and .md (UTC start time,
// so runs of one day sit side by side).
//
//   node bench/grid.mjs                       # the slice, ≈ 20 min on 2 cores
//   node bench/grid.mjs --pause-group=29319   # SIGSTOP that process group while measuring, SIGCONT after
//   node bench/grid.mjs --smoke --no-write    # 2 epochs on two sets, checks the wiring
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  SLICE_DATASETS,
  alternatingOrder,
  committedRate,
  gridReport,
  parseTime,
  perCoreHour,
  perNetwork,
  roundSummary,
  sameKeys,
  sliceGrid,
} from './lib/grid.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = join(root, 'packages/experiments/dist');
const cli = join(dist, 'cli.js');
const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const ARCHIVE = join(root, '../shared/data/uci121/data.tar.gz');
// The speed baseline: the first table1-small run on the 75 small sets (see the file's script).
const FIRST_RUN = join(here, 'reference/uci-small-first-run.jsonl.gz');
// The committed runs of the same grid with the current code (seeds 1 and 2).
const COMMITTED_RUNS = ['uci-small', 'uci-small-seed2'].map((name) => ({
  name,
  store: join(root, `packages/experiments/docs/results/${name}/store.jsonl.gz`),
}));
const SEED = 1;

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const smoke = flag('smoke');
const pauseGroup = option('pause-group');
if (pauseGroup !== undefined && !/^\d+$/.test(pauseGroup)) {
  throw new Error(`bench: --pause-group must be a process group id, got ${pauseGroup}`);
}

for (const [path, fix] of [
  [cli, 'run `pnpm install` (it builds every package)'],
  [ARCHIVE, 'put the UCI collection there (../shared/data/uci121/data.tar.gz)'],
  [TIME, 'apt-get install time'],
]) {
  if (!existsSync(path)) throw new Error(`bench: ${path} is missing; ${fix}`);
}

const experiments = await import(pathToFileURL(join(dist, 'index.js')).href);
const sweep = await import(pathToFileURL(join(root, 'packages/sweep/dist/index.js')).href);
const datasets = smoke
  ? ['iris', 'statlog-german-credit']
  : [...SLICE_DATASETS.small, ...SLICE_DATASETS.large];
const grid = sliceGrid(experiments.builtinGrid('uci', 'table1-small'));
if (smoke) grid.epochs = 2;

const work = mkdtempSync(join(os.tmpdir(), 'snn-bench-grid-'));
const gridFile = join(work, 'grid.json');
writeFileSync(gridFile, JSON.stringify(grid, null, 2));
const { unitsFile, tasks } = await exportUnits();
const planFile = join(work, 'plan.json');
// The probe: the deepest SNN configuration on the largest small set.
const probe = tasks.findIndex(
  (t) =>
    t.dataset === (smoke ? 'iris' : SLICE_DATASETS.small.at(-1)) &&
    t.config.arch === 'snn' &&
    t.config.depth === Math.max(...grid.archs.snn.depth),
);
writeFileSync(planFile, JSON.stringify({ probe, tasks }));

const machine = {
  ...machineInfo(),
  pausedGroup: pauseGroup === undefined ? null : Number(pauseGroup),
};
// What `--backend auto` picks here and why (for snn-native: the OpenBLAS build and the core its
// DYNAMIC_ARCH chose), as `snn --version` prints it; asked before anything is paused.
const backendReason =
  spawnSync(process.execPath, [cli, '--version'], { cwd: root, encoding: 'utf8' })
    .stdout?.split('\n')
    .find((l) => l.startsWith('backend: '))
    ?.slice('backend: '.length) ?? 'snn --version printed no backend line';
let resumed = false;
const resume = () => {
  if (pauseGroup !== undefined && !resumed) {
    resumed = true;
    try {
      process.kill(-Number(pauseGroup), 'SIGCONT');
    } catch {}
  }
};
process.on('exit', resume);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    resume();
    process.exit(130);
  });
}
if (pauseGroup !== undefined) process.kill(-Number(pauseGroup), 'SIGSTOP');

let ours;
let torch;
let rounds;
try {
  ({ ours, torch, rounds } = alternateSides());
} finally {
  resume();
}
rmSync(work, { recursive: true, force: true });

const first = readJsonLines(FIRST_RUN);
const oldRate = committedRate(first);
const committedRuns = COMMITTED_RUNS.map(({ name, store }) => {
  const rate = committedRate(sweep.readStore(store).records);
  return { name, ...rate, vsOld: rate.perCoreHour / oldRate.perCoreHour };
});
const oursRate = perCoreHour(ours.records.length, ours.cpuSeconds);
const torchRate = perCoreHour(torch.results.length, torch.cpuSeconds);
const sum = (rows) => rows.reduce((s, r) => s + r.seconds, 0);
const record = {
  machine,
  slice: {
    datasets,
    archs: Object.keys(grid.archs),
    perNetwork: 2,
    configurations: tasks.length,
    description:
      'table1-small cut to each network’s shallowest and deepest depth (ResNet 2 and 8 blocks) at lr 0.01, the largest dropout where the grid has a dropout axis; width 256, 100 epochs, batch 32, plain SGD, validation and test scored every epoch',
    grid,
  },
  rounds,
  ours: {
    command: `snn uci --datasets <one data set of the slice> --grid <slice.json> --workers 2 --backend auto --seed ${SEED}`,
    backend: [...new Set(ours.records.map((r) => r.backend))].join(', '),
    backendReason,
    configurations: ours.records.length,
    wallSeconds: ours.wallSeconds,
    cpuSeconds: ours.cpuSeconds,
    perCoreHour: oursRate,
    configSeconds: sum(ours.records),
    records: ours.records.map(({ key, arch, seconds, backend }) => ({
      key,
      arch,
      seconds,
      backend,
    })),
  },
  torch: {
    torch: torch.torch,
    blas: torch.blas,
    probe: torch.probe,
    chosen: torch.chosen,
    configurations: torch.results.length,
    wallSeconds: torch.wallSeconds,
    cpuSeconds: torch.cpuSeconds,
    poolCpuSeconds: torch.poolCpuSeconds,
    perCoreHour: torchRate,
    configSeconds: sum(torch.results),
    results: torch.results,
  },
  comparison: {
    rateRatio: oursRate / torchRate,
    configSecondsRatio: sum(torch.results) / sum(ours.records),
    vsOld: oursRate / oldRate.perCoreHour,
    perNetwork: perNetwork(ours.records, torch.results),
  },
  old: {
    ...oldRate,
    derivation:
      'configurations ÷ hours of training summed over the records; each record is one configuration in one of 2 workers on 2 cores, one thread each, so a summed hour is a core-hour; its wall time was 6.11 h',
    sameKeys: sameKeys(first, ours.records),
  },
  committed: committedRuns,
};

const report = gridReport(record);
process.stdout.write(report);
// A smoke run checks the wiring: its numbers are not a result and never replace one.
if (!flag('no-write') && !smoke) {
  const name = `grid-${machine.date.slice(0, 10)}T${machine.date.slice(11, 16).replace(':', '')}`;
  writeFileSync(join(here, `results/${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(here, `results/${name}.md`), report);
  console.error(`bench: wrote bench/results/${name}.{json,md}`);
}

/**
 * Writes the prepared units (our `uciUnit`: split, standardized) of the slice's sets to one file
 * for PyTorch: a uint32 header length, a JSON header, then per part x (float32) and y (int32).
 * Returns it with the tasks (one per configuration, keyed as our store keys them).
 */
async function exportUnits() {
  const { loaded } = await experiments.loadUciDatasets(datasets, ARCHIVE);
  const chunks = [];
  let offset = 0;
  const put = (typed) => {
    const bytes = Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
    const at = offset;
    chunks.push(bytes);
    offset += bytes.length;
    return at;
  };
  const units = [];
  const tasks = [];
  for (const name of datasets) {
    const unit = experiments.uciUnit(loaded.get(name), 1, SEED);
    const entry = { dataset: name, outputs: unit.outputs };
    for (const part of ['train', 'validation', 'test']) {
      const rows = unit[part];
      entry[part] = { n: rows.n, d: rows.d, x: put(rows.x), y: put(Int32Array.from(rows.y)) };
    }
    units.push(entry);
    for (const arch of Object.keys(grid.archs)) {
      for (const config of experiments.expandGrid(grid, arch)) {
        tasks.push({
          index: tasks.length,
          dataset: name,
          key: `${name}/fold1/${experiments.configurationId(config)}`,
          config,
          epochs: grid.epochs,
          batchSize: grid.batchSize,
          seed: tasks.length + 1,
          cost: unit.train.n * config.depth * (arch === 'resnet' ? 2 : 1),
        });
      }
    }
  }
  const header = Buffer.from(JSON.stringify({ units }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const unitsFile = join(work, 'units.bin');
  writeFileSync(unitsFile, Buffer.concat([length, header, ...chunks]));
  return { unitsFile, tasks };
}

/** Runs `command` under /usr/bin/time; its stdout, stderr and wall/CPU seconds. */
function timed(command, commandArgs, what) {
  const timeFile = join(work, 'time.txt');
  process.stderr.write(`bench: ${what} … `);
  const child = spawnSync(TIME, ['-f', '%e %U %S', '-o', timeFile, command, ...commandArgs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (child.status !== 0) {
    throw new Error(`bench: ${what} failed (exit ${child.status}):\n${child.stderr.slice(-4000)}`);
  }
  const time = parseTime(readFileSync(timeFile, 'utf8'));
  process.stderr.write(`${time.wallSeconds} s wall, ${time.cpuSeconds.toFixed(1)} s CPU\n`);
  return { ...time, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Both sides, data set by data set in the order of `alternatingOrder` (ours first on even rounds,
 * PyTorch first on odd ones), after PyTorch's thread probe. A shared host that slows down for
 * minutes then slows both sides alike; run one after the other, the two sides' ratio moved from
 * 0.54 to 0.88 between two runs 17 minutes apart.
 */
function alternateSides() {
  const probe = runTorch(['--probe-only'], 'PyTorch thread probe');
  const rounds = [];
  for (const { dataset, first } of alternatingOrder(datasets)) {
    const runSide = (side) =>
      side === 'ours'
        ? runOurs(dataset)
        : runTorch(
            ['--setting', probe.chosen.label, '--dataset', dataset],
            `PyTorch on ${dataset}`,
          );
    const sides = first === 'ours' ? ['ours', 'torch'] : ['torch', 'ours'];
    const done = Object.fromEntries(sides.map((side) => [side, runSide(side)]));
    rounds.push({ dataset, first, ours: done.ours, torch: done.torch });
  }
  const total = (side, field) => rounds.reduce((s, r) => s + r[side][field], 0);
  const ours = {
    wallSeconds: total('ours', 'wallSeconds'),
    cpuSeconds: total('ours', 'cpuSeconds'),
    records: rounds.flatMap((r) => r.ours.records),
  };
  const torch = {
    ...probe,
    wallSeconds: total('torch', 'wallSeconds'),
    cpuSeconds: total('torch', 'cpuSeconds'),
    poolCpuSeconds: total('torch', 'cpuSeconds'),
    results: rounds.flatMap((r) => r.torch.results).sort((a, b) => a.index - b.index),
  };
  return {
    ours,
    torch,
    rounds: rounds.map((r) => roundSummary(r.dataset, r.first, r.ours, r.torch)),
  };
}

function runOurs(dataset) {
  const out = join(work, `ours-${dataset}`);
  const run = timed(
    process.execPath,
    [
      cli,
      'uci',
      '--datasets',
      dataset,
      '--grid',
      gridFile,
      '--workers',
      '2',
      '--backend',
      'auto',
      '--seed',
      String(SEED),
      '--archive',
      ARCHIVE,
      '--out',
      out,
    ],
    `snn uci on ${dataset} (2 workers)`,
  );
  const records = sweep.readStore(join(out, 'store.jsonl')).records.map((r) => ({
    key: r.key,
    arch: r.config.arch,
    seconds: r.seconds,
    backend: r.backend,
  }));
  return { ...run, records };
}

function runTorch(extra, what) {
  const run = timed(
    PYTHON,
    [
      join(here, 'reference/grid_torch.py'),
      '--data',
      unitsFile,
      '--plan',
      planFile,
      '--cores',
      String(os.availableParallelism()),
      ...extra,
    ],
    what,
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (line == null) throw new Error(`bench: grid_torch.py printed no RESULT:\n${run.stderr}`);
  const result = JSON.parse(line.slice(7));
  // The rate counts the pool that trained the slice; the probe and the BLAS check before and after
  // it are the script's own set-up, reported but not charged.
  return {
    ...result,
    wallSeconds: result.wallSeconds,
    cpuSeconds: result.cpuSeconds,
    poolCpuSeconds: result.cpuSeconds,
    scriptWallSeconds: run.wallSeconds,
    scriptCpuSeconds: run.cpuSeconds,
  };
}

/**
 * The records of the first run's timing extract (`reference/first-run-seconds.mjs`: key, arch,
 * seconds and backend of each configuration, gzip). It is not a store (no header, no curves);
 * stores are read with @snn/sweep's `readStore`.
 */
function readJsonLines(path) {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1].split(' ') ?? []);
  let pretty = '';
  try {
    pretty = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {}
  return {
    cpuModel: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    cores: os.availableParallelism(),
    flags: ['avx2', 'avx512f', 'avx512bw', 'avx512vl', 'fma'].filter((f) => flags.has(f)),
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${pretty || os.type()} (kernel ${os.release()}, ${os.arch()})`,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: os.loadavg(),
  };
}
