// Pure parts of bench/grid.mjs: the fixed slice of the table1-small grid, the parsing of
// /usr/bin/time's output, the rates, the comparison with the committed uci-small run and the
// Markdown report. Checked by bench/grid.test.ts.

/**
 * The data sets of the slice: three small sets (fewer than 1,000 samples, none with a separate test
 * file, so that the committed uci-small records trained the same rows) and two of the smallest large
 * sets of the collection without a separate test file (1,000 and 1,022 samples), sized so that both
 * sides together take about 15 minutes on 2 cores.
 */
export const SLICE_DATASETS = {
  small: ['iris', 'heart-hungarian', 'dermatology'],
  large: ['statlog-german-credit', 'oocytes_merluccius_nucleus_4d'],
};

/** The one learning rate of the slice (table1-small has {0.01, 0.1}; 0.1 lets highway diverge). */
export const SLICE_LR = 0.01;

/**
 * The fixed subset of `table1-small` the bench trains, the same for every network: its shallowest
 * and deepest depth (ResNet: 2 and 8 blocks), learning rate {@link SLICE_LR}, and where the grid has
 * a dropout axis (SNN, MSRA, highway) only its largest rate, so that the dropout path is timed.
 * Every other axis stays as table1-small has it (width 256, rectangular, bottleneck 0.5), as do
 * epochs (100) and batch size (32). Two configurations per network and data set.
 *
 *     sliceGrid(builtinGrid('uci', 'table1-small')).archs.snn
 *     // { depth: [2, 16], width: [256], lr: [0.01], dropout: [0.05], shape: ['rectangular'] }
 */
export function sliceGrid(table1Small, lr = SLICE_LR) {
  const archs = {};
  for (const [arch, axes] of Object.entries(table1Small.archs)) {
    if (!axes.lr.includes(lr)) {
      throw new Error(
        `sliceGrid: ${arch} has no learning rate ${lr} (it has ${axes.lr.join(', ')})`,
      );
    }
    const depths = [Math.min(...axes.depth), Math.max(...axes.depth)];
    archs[arch] = {
      ...axes,
      depth: [...new Set(depths)],
      lr: [lr],
      ...(axes.dropout && { dropout: [Math.max(...axes.dropout)] }),
    };
  }
  return {
    name: 'bench-grid-slice',
    epochs: table1Small.epochs,
    batchSize: table1Small.batchSize,
    archs,
  };
}

/**
 * Wall and CPU seconds of a command from `/usr/bin/time -f '%e %U %S'` (the last line that
 * matches; the command's own stderr may come first). CPU = user + system of the whole process
 * tree that was waited for (a Node parent's workers, a Python pool's processes).
 *
 *     parseTime('12.50 20.10 1.30\n') // { wallSeconds: 12.5, cpuSeconds: 21.4, user: 20.1, system: 1.3 }
 */
export function parseTime(text) {
  const lines = text.trim().split('\n').reverse();
  for (const line of lines) {
    const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(line.trim());
    if (m) {
      const [wall, user, system] = m.slice(1).map(Number);
      return { wallSeconds: wall, cpuSeconds: user + system, user, system };
    }
  }
  throw new Error(`parseTime: no "wall user system" line in ${JSON.stringify(text.slice(-200))}`);
}

/**
 * The order of the rounds: one data set each, both sides in every round, ours first on even rounds
 * and PyTorch first on odd ones, so that neither side always runs in the same part of the bench.
 *
 *     alternatingOrder(['iris', 'wine']) // [{ dataset: 'iris', first: 'ours' }, { dataset: 'wine', first: 'torch' }]
 */
export function alternatingOrder(datasets) {
  return datasets.map((dataset, i) => ({ dataset, first: i % 2 === 0 ? 'ours' : 'torch' }));
}

/**
 * One round's figures: per side its configurations, wall and CPU seconds and configurations per
 * core-hour, and ours ÷ PyTorch in configurations per core-hour. `ours` has `records`, `torch`
 * has `results` (one entry per configuration).
 */
export function roundSummary(dataset, first, ours, torch) {
  const side = (configurations, run) => ({
    configurations,
    wallSeconds: run.wallSeconds,
    cpuSeconds: run.cpuSeconds,
    perCoreHour: perCoreHour(configurations, run.cpuSeconds),
  });
  const o = side(ours.records.length, ours);
  const t = side(torch.results.length, torch);
  return { dataset, first, ours: o, torch: t, ratio: o.perCoreHour / t.perCoreHour };
}

/** Configurations per core-hour: configurations ÷ (CPU seconds ÷ 3600). */
export function perCoreHour(configurations, cpuSeconds) {
  if (!(cpuSeconds > 0)) throw new Error(`perCoreHour: cpuSeconds must be > 0, got ${cpuSeconds}`);
  return configurations / (cpuSeconds / 3600);
}

/**
 * A run's rate from its records (the first uci-small run, the speed baseline; the committed ones): configurations ÷ hours of training summed
 * over them (each record's `seconds` is the wall time of one configuration in one worker). With 2
 * workers on 2 cores each worker holds one core (one BLAS thread each), so an hour of summed
 * training is a core-hour: 3,000 configurations in 12.2 h ≈ 246 per core-hour. (The wall time of
 * that run was 6.11 h; counting 12.2 h as wall over 2 cores would give 123, which double counts.)
 */
export function committedRate(records) {
  const seconds = records.reduce((s, r) => s + r.seconds, 0);
  const byBackend = {};
  for (const r of records) byBackend[r.backend] = (byBackend[r.backend] ?? 0) + 1;
  return {
    configurations: records.length,
    trainingHours: seconds / 3600,
    perCoreHour: perCoreHour(records.length, seconds),
    byBackend,
  };
}

/**
 * Per network: configurations and summed per-configuration seconds of two sides on the same keys
 * (`a`, `b`: lists of `{ arch, seconds }`), and the ratio b ÷ a of the sums.
 */
export function perNetwork(a, b) {
  const archs = [...new Set([...a, ...b].map((r) => r.arch))];
  return archs.map((arch) => {
    const sum = (rows) => rows.filter((r) => r.arch === arch).reduce((s, r) => s + r.seconds, 0);
    const count = a.filter((r) => r.arch === arch).length;
    const sa = sum(a);
    const sb = sum(b);
    return { arch, configurations: count, oursSeconds: sa, torchSeconds: sb, ratio: sa / sb };
  });
}

/**
 * The same configurations in the first uci-small run and in this run (matched by record key): summed seconds of each and their ratio, old ÷ new. Keys missing from the old store are left
 * out (the large sets, which that run never trained).
 */
export function sameKeys(oldRecords, newRecords) {
  const old = new Map(oldRecords.map((r) => [r.key, r]));
  const pairs = newRecords.filter((r) => old.has(r.key)).map((r) => [old.get(r.key), r]);
  const oldSeconds = pairs.reduce((s, [o]) => s + o.seconds, 0);
  const newSeconds = pairs.reduce((s, [, n]) => s + n.seconds, 0);
  const backends = [...new Set(pairs.map(([o]) => o.backend))];
  return {
    configurations: pairs.length,
    oldSeconds,
    newSeconds,
    speedup: pairs.length === 0 ? null : oldSeconds / newSeconds,
    oldBackends: backends,
  };
}

const f = (x, digits = 1) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** The Markdown report of a bench:grid record. */
export function gridReport(record) {
  const { machine, slice, ours, torch, comparison, old, committed } = record;
  const lines = [
    `# bench:grid — ${machine.date.slice(0, 10)}`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores (${machine.flags.join(', ') || 'no avx2/avx512f'}), ${machine.memoryGb} GiB, ${machine.os}, Node ${machine.node}; load average before the run ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}${machine.pausedGroup == null ? '' : ` (it counts process group ${machine.pausedGroup}, which was stopped with SIGSTOP while both sides were measured and continued after)`}.`,
    `Ours: \`${ours.backend}\` — ${ours.backendReason}`,
    `PyTorch: ${torch.torch} on ${torch.blas.join(', ') || 'no BLAS found in its maps'}; thread setting ${torch.chosen.label} (${torch.chosen.processes} process${torch.chosen.processes > 1 ? 'es' : ''} in parallel).`,
    '',
    `Slice: ${slice.datasets.join(', ')} × ${slice.archs.length} networks × ${slice.perNetwork} configurations = ${slice.configurations} configurations (${slice.description}).`,
    '',
    '| side | configurations | wall s | CPU s (core-seconds) | configurations per core-hour | summed seconds per configuration |',
    '|---|---:|---:|---:|---:|---:|',
    `| ours (\`snn uci --workers 2 --backend auto\`) | ${ours.configurations} | ${f(ours.wallSeconds)} | ${f(ours.cpuSeconds)} | ${f(ours.perCoreHour)} | ${f(ours.configSeconds)} |`,
    `| PyTorch (\`grid_torch.py\`) | ${torch.configurations} | ${f(torch.wallSeconds)} | ${f(torch.cpuSeconds)} | ${f(torch.perCoreHour)} | ${f(torch.configSeconds)} |`,
    '',
    `**Ours ÷ PyTorch in configurations per core-hour: ${f(comparison.rateRatio, 2)}** (PyTorch's core-seconds per configuration ÷ ours; above 1 means we are cheaper). Summed per-configuration seconds, PyTorch ÷ ours: ${f(comparison.configSecondsRatio, 2)}.`,
    '',
    `The first table1-small run on the 75 small sets (the baseline): ${old.configurations} configurations in ${f(old.trainingHours, 2)} h of training summed over its records (${Object.entries(
      old.byBackend,
    )
      .map(([b, n]) => `${n} on ${b}`)
      .join(
        ', ',
      )}) = **${f(old.perCoreHour)} per core-hour** (${old.derivation}). This run: ${f(ours.perCoreHour)} per core-hour, ${f(comparison.vsOld, 2)}× that rate — on a different mix of sets (the slice holds two large sets and two depths only), so read it beside the like-for-like figure below.`,
    '',
    `Same configurations in both (the small sets of the slice, matched by record key): first run ${f(old.sameKeys.oldSeconds)} s (${old.sameKeys.oldBackends.join(', ')}), this run ${f(old.sameKeys.newSeconds)} s, over ${old.sameKeys.configurations} configurations: **${f(old.sameKeys.speedup, 2)}×** faster per configuration (wall seconds of one configuration in one worker, each worker on one core).`,
    '',
    `The whole grid with the current code, the committed runs (the same sets, grid, epochs and counting as the first run; they differ only in their seed): ${committed
      .map(
        (run) =>
          `${run.name}, ${run.configurations} configurations in ${f(run.trainingHours, 2)} h of training summed over its records = **${f(run.perCoreHour)} per core-hour, ${f(run.vsOld, 2)}×**`,
      )
      .join('; ')} the first run's rate.`,
    '',
    ...(record.rounds == null
      ? []
      : [
          '## Round by round (the sides alternate, one data set a round)',
          '',
          '| data set | first | ours CPU s | PyTorch CPU s | ours per core-hour | PyTorch per core-hour | ours ÷ PyTorch |',
          '|---|---|---:|---:|---:|---:|---:|',
          ...record.rounds.map(
            (r) =>
              `| ${r.dataset} | ${r.first === 'ours' ? 'ours' : 'PyTorch'} | ${f(r.ours.cpuSeconds)} | ${f(r.torch.cpuSeconds)} | ${f(r.ours.perCoreHour)} | ${f(r.torch.perCoreHour)} | ${f(r.ratio, 2)} |`,
          ),
          '',
        ]),
    '## Per network (seconds summed over the configurations of the slice)',
    '',
    '| network | configurations | ours s | PyTorch s | ours ÷ PyTorch |',
    '|---|---:|---:|---:|---:|',
    ...comparison.perNetwork.map(
      (r) =>
        `| ${r.arch} | ${r.configurations} | ${f(r.oursSeconds)} | ${f(r.torchSeconds)} | ${f(r.ratio, 2)} |`,
    ),
    '',
    '## PyTorch thread settings (one configuration each, before the run)',
    '',
    '| setting | wall s | CPU s | estimated configurations per hour on the machine |',
    '|---|---:|---:|---:|',
    ...torch.probe.map(
      (p) =>
        `| ${p.label} | ${f(p.wallSeconds, 2)} | ${f(p.cpuSeconds, 2)} | ${f(p.throughputPerHour)} |`,
    ),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
