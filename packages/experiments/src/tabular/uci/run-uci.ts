import { uci121TrainTest } from '@snn/datasets';
import { resolveOutDir } from '../../common/output-dir';
import { UsageError } from '../../common/usage-error';
import { foldUnit, parseFoldUnit } from '../data/fold-unit';
import { UCI_VALIDATION_FRACTION, uciFittingRows, uciUnit } from '../data/uci-units';
import { expandGrid } from '../grid/expand-grid';
import { resolveGrid } from '../grid/resolve-grid';
import { type DataPart, gridTasks } from '../run/grid-task';
import { runGrid } from '../run/run-grid';
import { type RunInfo, backendsOf } from '../run/run-info';
import { type TabularRunOptions, logger, queueOption, resolveRunOptions } from '../run/run-options';
import { type GridRunSummary, logShardDone, writeRunOutputs } from '../run/write-run-outputs';
import { SMOOTHING_WINDOW } from '../selection/select-model';
import { ensureBackend } from '../train/backend';
import { trainConfiguration } from '../train/train-configuration';
import { type UciDatasetGroup, loadUciDatasets, uciSamples } from './select-uci-datasets';
import { uciMarkdown } from './uci-markdown';
import { uciRankPlot } from './uci-plot';
import { type UciPlan, type UciResult, reportUci, uciFolds } from './uci-report';

/** Options of {@link runUci}: the flags of `snn uci` in camelCase. */
export interface RunUciOptions extends TabularRunOptions {
  /**
   * Dataset names, or a group of the archive's datasets that load: `'all'` (default), `'small'`
   * (fewer than 1000 samples, the paper's 75 sets) or `'large'` (at least 1000).
   */
  datasets?: string[] | UciDatasetGroup;
  /** The collection's `data.tar.gz` or unpacked folder, or `'remote'` (default: download and cache). */
  archive?: string;
  /** `paper` (default): first train/test pair; `kfold`: the four pairs, averaged. */
  split?: 'paper' | 'kfold';
}

/**
 * `snn uci`: the paper's UCI-121 comparison. Trains the grid of every architecture on every
 * dataset (resuming from the output folder's result store), selects a model per dataset and
 * architecture on the validation part, and writes `uci.json`, `uci.md` and the rank plot
 * `uci-ranks.svg`/`.png` once the grid is complete.
 *
 * @example
 * const result = await runUci({ datasets: ['iris', 'wine'], archs: ['snn', 'batchnorm'],
 *   grid: 'quick', archive: '../shared/data/uci121/data.tar.gz', out: 'results/uci' });
 * console.log(result.ranks.all?.averageRank);
 * @see https://arxiv.org/abs/1706.02515 (Table 1, appendix A4)
 */
export async function runUci(options: RunUciOptions = {}): Promise<UciResult & { run: RunInfo }> {
  const shared = resolveRunOptions(options);
  const log = logger(options.progress !== false);
  const split = options.split ?? 'paper';
  if (split !== 'paper' && split !== 'kfold') {
    throw UsageError.choice('--split', split, ['paper', 'kfold']);
  }
  const grid = resolveGrid('uci', options.grid, options.quick);
  for (const arch of shared.archs) expandGrid(grid, arch);
  const archive = options.archive === 'remote' ? undefined : options.archive;

  const { loaded, skipped } = await loadUciDatasets(options.datasets ?? 'all', archive);

  const plan: UciPlan = {
    datasets: [...loaded.values()].map((d) => ({
      name: d.name,
      samples: uciSamples(d),
      features: d.data.d,
      classes: d.classes,
      testSource: uci121TrainTest(d).testSource,
      ...(d.rescaled.length > 0 && { rescaled: d.rescaled }),
    })),
    skipped: [],
    archs: shared.archs,
    split,
    grid,
    seed: shared.seed,
    validationFraction: UCI_VALIDATION_FRACTION,
    smoothingWindow: SMOOTHING_WINDOW,
    optimizer: 'sgd',
  };
  const parts: DataPart[] = [];
  for (const d of loaded.values()) {
    for (const fold of uciFolds(split)) {
      parts.push({
        ...foldUnit(d.name, fold),
        trainRows: uciFittingRows(d, fold),
        inputs: d.data.d,
      });
    }
  }
  const tasks = gridTasks(parts, shared.archs, grid, shared.seed);
  const outDir = resolveOutDir('uci', options.out);
  log(
    `uci: ${loaded.size} datasets × ${shared.archs.join(', ')}, grid ${grid.name}: ${tasks.length} configurations (${shared.workers} worker${shared.workers > 1 ? 's' : ''}); results in ${outDir}`,
  );
  for (const s of skipped) log(`uci: skipping ${s.dataset}: ${s.reason}`);

  const summary = await runGrid({
    outDir,
    header: { type: 'run', benchmark: 'uci', fingerprint: plan, info: { skipped } },
    tasks,
    loadUnit: async (unit) => {
      const { dataset, fold } = parseFoldUnit(unit);
      return uciUnit(loaded.get(dataset)!, fold, shared.seed);
    },
    trainInProcess: async (task, data) =>
      trainConfiguration(task, data, await ensureBackend(shared.backend)),
    workers: shared.workers,
    workerModule: options.workerModule,
    backend: shared.backend,
    shard: shared.shard,
    attempts: shared.attempts,
    queue: queueOption(shared, archive),
    progress: options.progress === false ? false : 'uci',
    signal: options.signal,
    log,
  });
  logShardDone('uci', summary, log);
  return finishUci({ ...plan, skipped }, summary, outDir, log);
}

/** Report and files of a UCI run or merge from its records. */
export async function finishUci(
  plan: UciPlan,
  summary: GridRunSummary,
  outDir: string,
  log: (line: string) => void,
): Promise<UciResult & { run: RunInfo }> {
  const result = reportUci(plan, summary.records);
  result.config = { ...result.config, backend: backendsOf(summary.records) };
  return writeRunOutputs({
    benchmark: 'uci',
    plotName: 'uci-ranks',
    result,
    summary,
    outDir,
    log,
    markdown: uciMarkdown,
    plot: uciRankPlot,
  });
}
