// How far two runs of a quick tabular command lie apart (one on snn-native, one on snn-wasm), and
// the Markdown report of bench/quick-commands.mjs. Pure functions, checked by
// bench/quick-commands.test.ts.

/**
 * Compares two `uci.json` results of the same command: per dataset × architecture, the test
 * accuracy of the selected model and which configuration was selected on each split.
 *
 *     compareUci(native, wasm).largest // { where: 'glass/snn', a: 0.66, b: 0.64, difference: 0.02 }
 */
export function compareUci(a, b) {
  const rows = a.results.map((row) => {
    const other = b.results.find((r) => r.dataset === row.dataset && r.arch === row.arch);
    if (other == null) throw new Error(`compareUci: ${row.dataset}/${row.arch} is missing in b`);
    return {
      where: `${row.dataset}/${row.arch}`,
      a: row.testAccuracy,
      b: other.testAccuracy,
      sameSelection: sameConfigs(row.selected.folds, other.selected.folds),
    };
  });
  return summary('test accuracy', rows, bestPerDataset(a), bestPerDataset(b));
}

/**
 * Compares two `htru2.json` results of the same command: per architecture and fold, the test
 * ROC-AUC of the selected model and which configuration was selected.
 */
export function compareHtru2(a, b) {
  const rows = a.results.flatMap((row) => {
    const other = b.results.find((r) => r.arch === row.arch);
    if (other == null) throw new Error(`compareHtru2: ${row.arch} is missing in b`);
    return row.selected.map((selected, i) => ({
      where: `${row.arch}/${selected.part}`,
      a: row.auc.folds[i],
      b: other.auc.folds[i],
      sameSelection: selected.configId === other.selected[i]?.configId,
    }));
  });
  const mean = (result) => Object.fromEntries(result.results.map((r) => [r.arch, r.auc.mean]));
  return summary('test ROC-AUC per fold', rows, mean(a), mean(b));
}

function sameConfigs(folds, others) {
  return folds.length === others.length && folds.every((f, i) => f.configId === others[i].configId);
}

/** Per dataset, the architecture with the best test accuracy (the conclusion a reader draws). */
function bestPerDataset(result) {
  const best = {};
  for (const row of result.results) {
    const current = best[row.dataset];
    if (current == null || row.testAccuracy > current.accuracy) {
      best[row.dataset] = { arch: row.arch, accuracy: row.testAccuracy };
    }
  }
  return Object.fromEntries(Object.entries(best).map(([d, v]) => [d, v.arch]));
}

/**
 * Every cell of the two runs (`rows`), the largest absolute difference of a metric between them,
 * how many selections agree, and the conclusions (`conclusionA`/`conclusionB`: per dataset the best architecture, or per
 * architecture the mean AUC) side by side.
 */
function summary(metric, rows, conclusionA, conclusionB) {
  const withDifference = rows.map((r) => ({ ...r, difference: Math.abs(r.a - r.b) }));
  const largest = withDifference.reduce((m, r) => (r.difference > m.difference ? r : m));
  return {
    metric,
    cells: rows.length,
    sameSelections: rows.filter((r) => r.sameSelection).length,
    largest: { where: largest.where, a: largest.a, b: largest.b, difference: largest.difference },
    conclusionA,
    conclusionB,
    rows,
  };
}

/** The Markdown report: the wall time of every run, then the comparisons. */
export function quickCommandsReport(record) {
  const m = record.machine;
  const lines = [
    '# Quick tabular commands: snn-native beside snn-wasm',
    '',
    `${m.date} · ${m.cpuModel}, ${m.cores} cores · Node ${m.node} · load average at start ${m.loadAverage.map((v) => v.toFixed(2)).join(' ')}`,
    '',
    'Each command of docs/tabular.md’s “first look” rows, run with `--backend auto` and with `--backend snn-wasm` (default workers: one per core), in an order alternated from command to command. Wall time is the whole command, data loading and reports included; worker time is the training time summed over the configurations.',
    '',
    '| command | --backend | ran on | round | wall s | worker s |',
    '|---|---|---|--:|--:|--:|',
  ];
  for (const r of record.runs) {
    lines.push(
      `| \`${r.cli}\` | ${r.requested} | ${r.backend} | ${r.round} | ${r.wallSeconds.toFixed(1)} | ${r.workerSeconds.toFixed(1)} |`,
    );
  }
  const speedups = speedupLines(record.runs);
  if (speedups.length > 0) lines.push('', ...speedups);
  for (const c of record.comparisons) {
    lines.push(
      '',
      `## ${c.command}: ${c.a} against ${c.b}`,
      '',
      `- Largest difference of the ${c.metric}: ${difference(c.largest.difference)} (${c.largest.where}: ${fmt(c.largest.a)} against ${fmt(c.largest.b)}).`,
      `- The same configuration selected in ${c.sameSelections} of ${c.cells} cells.`,
      `- Conclusions: ${c.a} ${JSON.stringify(c.conclusionA)}; ${c.b} ${JSON.stringify(c.conclusionB)}.`,
      '',
      `| cell | ${c.a} | ${c.b} | same configuration selected |`,
      '|---|--:|--:|---|',
      ...c.rows.map(
        (r) => `| ${r.where} | ${fmt(r.a)} | ${fmt(r.b)} | ${r.sameSelection ? 'yes' : 'no'} |`,
      ),
    );
  }
  for (const s of record.skipped) lines.push('', `Not run: ${s.name} (${s.reason}).`);
  lines.push('');
  return lines.join('\n');
}

/** Per command, the median wall time of each backend and their ratio. */
export function speedupLines(runs) {
  const lines = [];
  for (const command of [...new Set(runs.map((r) => r.command))]) {
    const byBackend = new Map();
    for (const r of runs.filter((x) => x.command === command)) {
      byBackend.set(r.backend, [...(byBackend.get(r.backend) ?? []), r.wallSeconds]);
    }
    const wasm = byBackend.get('snn-wasm');
    const native = byBackend.get('snn-native');
    if (wasm == null || native == null) continue;
    const ratio = median(wasm) / median(native);
    lines.push(
      `- ${command}: snn-native ${median(native).toFixed(1)} s, snn-wasm ${median(wasm).toFixed(1)} s of wall time: ${ratio.toFixed(2)}× faster on snn-native.`,
    );
  }
  return lines;
}

function median(values) {
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A difference with two significant digits when it is below the four decimals of `fmt`. */
function difference(v) {
  return v > 0 && v < 5e-5 ? v.toExponential(1) : fmt(v);
}

function fmt(v) {
  return v == null ? 'null' : Number(v).toFixed(4);
}
