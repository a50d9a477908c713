#!/usr/bin/env node
// Random search + ASHA against the full grid on a slice of UCI data sets: configurations trained,
// epochs trained, core-hours (Σ of each configuration's training seconds, one core each) and, per
// data set, the selected test accuracy of each architecture and the architectures' average rank
// under both protocols. Both runs go through the built `snn uci` and keep their folders, so
// rerunning the same command resumes them and only reads what is stored.
//
//   node bench/search-budget.mjs --datasets iris,wine,... --archs snn,msra --grid <grid.json|name>
//     --trials 12 [--workers 2] [--archive …/data.tar.gz] [--out bench/results/search-budget]
//     [--grid-from packages/experiments/docs/results/uci-small/store.jsonl.gz]
//
// --grid-from seeds the grid side from a committed run's store of the same grid: its header is cut
// to the requested data sets and architectures and their records are copied, so `snn uci` finds
// every configuration stored and trains nothing (it refuses, naming the field, if the header does
// not match what this command would plan).
//
// Writes <out>/search-budget.json and .md and prints the table; the machine and its load go with
// the numbers (a shared CPU makes seconds longer, not the counts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'iris,wine,breast-cancer-wisc,ionosphere' },
    archs: { type: 'string', default: 'snn,msra' },
    grid: { type: 'string', default: 'quick' },
    trials: { type: 'string', default: '8' },
    workers: { type: 'string', default: '2' },
    archive: { type: 'string', default: resolve('../shared/data/uci121/data.tar.gz') },
    out: { type: 'string', default: 'bench/results/search-budget' },
    backend: { type: 'string', default: 'auto' },
    'grid-from': { type: 'string' },
  },
});
const cli = resolve('packages/experiments/dist/cli.js');
if (!existsSync(cli))
  throw new Error(`${cli} is missing; run pnpm --filter @snn/experiments build`);
const sweep = await import(pathToFileURL(resolve('packages/sweep/dist/index.js')).href);
mkdirSync(args.out, { recursive: true });

const common = [
  'uci',
  '--datasets',
  args.datasets,
  '--archs',
  args.archs,
  '--grid',
  args.grid,
  '--archive',
  args.archive,
  '--workers',
  args.workers,
  '--backend',
  args.backend,
  '--json',
];
const runs = {
  grid: [...common, '--out', join(args.out, 'grid')],
  'random+asha': [
    ...common,
    '--search',
    'random',
    '--trials',
    args.trials,
    '--prune',
    'asha',
    '--out',
    join(args.out, 'random-asha'),
  ],
};

if (args['grid-from'] !== undefined) seedGridStore(args['grid-from'], join(args.out, 'grid'));

/** Writes `<folder>/store.jsonl` from a committed store, cut to --datasets and --archs. */
function seedGridStore(source, folder) {
  if (existsSync(join(folder, 'store.jsonl'))) return;
  const { header, records } = sweep.readStore(sweep.storeFileIn(source));
  const datasets = new Set(args.datasets.split(','));
  const archs = new Set(args.archs.split(','));
  const fp = structuredClone(header.fingerprint);
  const missing = [...datasets].filter((d) => !fp.datasets.some((x) => x.name === d));
  if (missing.length > 0) throw new Error(`--grid-from ${source} has no ${missing.join(', ')}`);
  fp.datasets = fp.datasets.filter((d) => datasets.has(d.name));
  fp.archs = fp.archs.filter((a) => archs.has(a));
  const kept = records.filter((r) => datasets.has(r.dataset) && archs.has(r.config.arch));
  const store = sweep.ResultStore.open(join(folder, 'store.jsonl'), { ...header, fingerprint: fp });
  for (const record of kept) store.append(record);
  store.close();
  process.stderr.write(`search-budget: ${kept.length} grid records from ${source}\n`);
}

const measured = {};
for (const [name, argv] of Object.entries(runs)) {
  process.stderr.write(`search-budget: snn ${argv.join(' ')}\n`);
  const started = Date.now();
  const child = spawnSync(process.execPath, [cli, ...argv], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`snn uci (${name}) exited with ${child.status}`);
  const folder = argv[argv.indexOf('--out') + 1];
  measured[name] = { ...summarize(folder), sessionSeconds: (Date.now() - started) / 1000 };
}

/** Counts and costs of a run folder's store, and its report's selected test accuracies and ranks. */
function summarize(folder) {
  const { records } = sweep.readStore(sweep.storeFileIn(folder));
  const report = JSON.parse(readFileSync(join(folder, 'uci.json'), 'utf8'));
  const accuracy = {};
  for (const r of report.results) {
    accuracy[r.dataset] ??= {};
    accuracy[r.dataset][r.arch] = r.testAccuracy;
  }
  return {
    configurations: records.length,
    pruned: records.filter((r) => r.pruned !== undefined).length,
    epochs: records.reduce((s, r) => s + r.validation.filter((v) => v !== null).length, 0),
    coreHours: records.reduce((s, r) => s + r.seconds, 0) / 3600,
    accuracy,
    averageRank: report.ranks.all?.averageRank ?? null,
  };
}

const [a, b] = Object.keys(measured);
const comparison = compare(measured[a], measured[b]);
const lines = [
  `# Random search + ASHA against the grid (${args.datasets}; ${args.archs}; grid ${args.grid}; ${args.trials} trials)`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${args.workers} workers.`,
  '',
  '| | configurations | pruned | epochs trained | core-hours |',
  '|---|---:|---:|---:|---:|',
  ...Object.entries(measured).map(
    ([n, m]) =>
      `| ${n} | ${m.configurations} | ${m.pruned} | ${m.epochs} | ${m.coreHours.toFixed(3)} |`,
  ),
  '',
  `| data set | architecture | test accuracy (${a}) | test accuracy (${b}) |`,
  '|---|---|---:|---:|',
  ...Object.keys(measured[a].accuracy).flatMap((d) =>
    Object.keys(measured[a].accuracy[d]).map(
      (arch) =>
        `| ${d} | ${arch} | ${fmt(measured[a].accuracy[d][arch])} | ${fmt(measured[b].accuracy[d]?.[arch])} |`,
    ),
  ),
  '',
  `| architecture | average rank (${a}) | average rank (${b}) |`,
  '|---|---:|---:|',
  ...Object.keys(measured[a].averageRank ?? {}).map(
    (arch) =>
      `| ${arch} | ${fmt(measured[a].averageRank[arch])} | ${fmt(measured[b].averageRank?.[arch])} |`,
  ),
  '',
  `${b} against ${a}: ${fmt(comparison.epochShare)} of the epochs, ${fmt(comparison.configurationShare)} of the configurations; ` +
    `selected test accuracy equal on ${comparison.equal} of ${comparison.pairs} data set × architecture pairs, mean difference ${fmt(comparison.meanDifference)}, mean |difference| ${fmt(comparison.meanAbsDifference)}; ` +
    `order of the architectures by average rank: ${comparison.order[a].join(' < ')} (${a}), ${comparison.order[b].join(' < ')} (${b}); Spearman ρ of the average ranks ${fmt(comparison.spearman)}.`,
  '',
  'Core-hours sum each record’s training seconds; the two sides may have run at different times and loads (one side can come from a committed store), so epochs trained is the cost that compares.',
];
/** Epoch and configuration shares, accuracy differences and rank agreement of run `y` against `x`. */
function compare(x, y) {
  const diffs = [];
  for (const d of Object.keys(x.accuracy)) {
    for (const arch of Object.keys(x.accuracy[d])) {
      const u = x.accuracy[d][arch];
      const v = y.accuracy[d]?.[arch];
      if (typeof u === 'number' && typeof v === 'number') diffs.push(v - u);
    }
  }
  const archs = Object.keys(x.averageRank ?? {});
  const order = (m) =>
    [...archs].sort((p, q) => (m.averageRank?.[p] ?? 0) - (m.averageRank?.[q] ?? 0));
  const mean = (xs) => xs.reduce((s, v) => s + v, 0) / xs.length;
  return {
    epochShare: y.epochs / x.epochs,
    configurationShare: y.configurations / x.configurations,
    pairs: diffs.length,
    equal: diffs.filter((v) => v === 0).length,
    meanDifference: mean(diffs),
    meanAbsDifference: mean(diffs.map(Math.abs)),
    order: { [a]: order(x), [b]: order(y) },
    spearman: spearman(
      archs.map((arch) => x.averageRank?.[arch]),
      archs.map((arch) => y.averageRank?.[arch]),
    ),
  };
}

/** Spearman's ρ: Pearson's correlation of the ranks (ties averaged). */
function spearman(xs, ys) {
  const ranks = (vs) =>
    vs.map((v) => {
      const below = vs.filter((w) => w < v).length;
      const equal = vs.filter((w) => w === v).length;
      return below + (equal + 1) / 2;
    });
  const [rx, ry] = [ranks(xs), ranks(ys)];
  const m = (rx.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - m) * (ry[i] - m);
    sxx += (rx[i] - m) ** 2;
    syy += (ry[i] - m) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function fmt(x) {
  return typeof x === 'number' ? x.toFixed(4) : '—';
}
writeFileSync(
  join(args.out, 'search-budget.json'),
  `${JSON.stringify({ args, measured, comparison }, null, 2)}\n`,
);
writeFileSync(join(args.out, 'search-budget.md'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
