import { loadHtru2 } from '@snn/datasets';
import { resolveOutDir } from '../../common/output-dir';
import { foldUnit, parseFoldUnit } from '../data/fold-unit';
import { HTRU2_FOLDS, htru2Unit } from '../data/htru2-units';
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
import { htru2Markdown } from './htru2-markdown';
import { htru2Plot } from './htru2-plot';
import { type Htru2Plan, type Htru2Result, reportHtru2 } from './htru2-report';

/** Options of {@link runHtru2}: the flags of `snn htru2` in camelCase. */
export interface RunHtru2Options extends TabularRunOptions {
  /** `HTRU2.zip` or `HTRU_2.csv`, or `'remote'` (default: download from UCI and cache). */
  file?: string;
}

/**
 * `snn htru2`: the paper's pulsar benchmark. 10-fold nested cross-validation (test fold M,
 * validation fold M − 1), the grid of every architecture per fold (resuming from the output
 * folder's store), ROC-AUC per fold, mean ± std, Wilcoxon across folds; writes `htru2.json`,
 * `htru2.md` and `htru2.svg`/`.png`.
 *
 * @example
 * const result = await runHtru2({ archs: ['snn'], grid: 'quick', file: 'HTRU2.zip' });
 * console.log(result.results[0].auc.mean); // ≈ 0.98
 * @see https://arxiv.org/abs/1706.02515 (Table 3)
 */
export async function runHtru2(
  options: RunHtru2Options = {},
): Promise<Htru2Result & { run: RunInfo }> {
  const shared = resolveRunOptions(options);
  const log = logger(options.progress !== false);
  const grid = resolveGrid('htru2', options.grid, options.quick);
  for (const arch of shared.archs) expandGrid(grid, arch);
  const source =
    options.file === undefined || options.file === 'remote'
      ? ('remote' as const)
      : { file: options.file };
  const { data, folds } = await loadHtru2({ source, seed: shared.seed });
  let positives = 0;
  for (let i = 0; i < data.n; i++) positives += data.y[i]!;
  const plan: Htru2Plan = {
    dataset: { samples: data.n, features: data.d, positives },
    archs: shared.archs,
    folds: HTRU2_FOLDS,
    grid,
    seed: shared.seed,
    smoothingWindow: SMOOTHING_WINDOW,
    optimizer: 'sgd',
  };
  const parts: DataPart[] = Array.from({ length: HTRU2_FOLDS }, (_, i) => ({
    ...foldUnit('htru2', i + 1),
    trainRows: Math.round((data.n * (HTRU2_FOLDS - 2)) / HTRU2_FOLDS),
    inputs: data.d,
  }));
  const tasks = gridTasks(parts, shared.archs, grid, shared.seed);
  const outDir = resolveOutDir('htru2', options.out);
  log(
    `htru2: ${shared.archs.join(', ')}, grid ${grid.name}, 10 folds: ${tasks.length} configurations (${shared.workers} worker${shared.workers > 1 ? 's' : ''}); results in ${outDir}`,
  );
  const summary = await runGrid({
    outDir,
    header: { type: 'run', benchmark: 'htru2', fingerprint: plan },
    tasks,
    loadUnit: async (unit) => htru2Unit(data, folds, parseFoldUnit(unit).fold),
    trainInProcess: async (task, prepared) =>
      trainConfiguration(task, prepared, await ensureBackend(shared.backend)),
    workers: shared.workers,
    workerModule: options.workerModule,
    backend: shared.backend,
    shard: shared.shard,
    attempts: shared.attempts,
    queue: queueOption(shared, options.file),
    progress: options.progress === false ? false : 'htru2',
    signal: options.signal,
    log,
  });
  logShardDone('htru2', summary, log);
  return finishHtru2(plan, summary, outDir, log);
}

/** Report and files of an HTRU2 run or merge from its records. */
export async function finishHtru2(
  plan: Htru2Plan,
  summary: GridRunSummary,
  outDir: string,
  log: (line: string) => void,
): Promise<Htru2Result & { run: RunInfo }> {
  const result = reportHtru2(plan, summary.records);
  result.config = { ...result.config, backend: backendsOf(summary.records) };
  return writeRunOutputs({
    benchmark: 'htru2',
    plotName: 'htru2',
    result,
    summary,
    outDir,
    log,
    markdown: htru2Markdown,
    plot: htru2Plot,
  });
}
