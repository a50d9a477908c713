import { loadTox21 } from '@snn/datasets';
import { resolveOutDir } from '../../common/output-dir';
import { UsageError } from '../../common/usage-error';
import { TOX21_VALIDATION_FRACTION, tox21Unit } from '../data/tox21-units';
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
import { tox21Markdown } from './tox21-markdown';
import { tox21Plot } from './tox21-plot';
import { type Tox21Plan, type Tox21Result, reportTox21 } from './tox21-report';

/** Options of {@link runTox21}: the flags of `snn tox21` in camelCase. */
export interface RunTox21Options extends TabularRunOptions {
  /** A folder with DeepTox's four dense/label files or `tox21.zip`, or `'remote'` (default). */
  dir?: string;
  /** Repeats with different seeds (default 5, as the paper; 1 with the quick grid). */
  repeats?: number;
}

/**
 * `snn tox21`: the paper's Tox21 protocol on the dense features. The loader's preprocessing
 * (constant features dropped, missing values imputed, standardized), 15% of the training compounds
 * for selection, a masked multi-task sigmoid network per configuration, test ROC-AUC averaged
 * over the 12 tasks; the grid repeated `repeats` times; results by depth. Writes `tox21.json`,
 * `tox21.md` and `tox21.svg`/`.png`.
 *
 * @example
 * const result = await runTox21({ dir: 'data/tox21', archs: ['snn', 'batchnorm'], grid: 'quick' });
 * console.log(result.best[0].auc.mean);
 * @see https://arxiv.org/abs/1706.02515 (Table 2)
 */
export async function runTox21(
  options: RunTox21Options = {},
): Promise<Tox21Result & { run: RunInfo }> {
  const shared = resolveRunOptions(options);
  const log = logger(options.progress !== false);
  const grid = resolveGrid('tox21', options.grid, options.quick);
  for (const arch of shared.archs) expandGrid(grid, arch);
  const repeats = options.repeats ?? (grid.name === 'quick' ? 1 : 5);
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new UsageError(`--repeats must be an integer ≥ 1; got ${JSON.stringify(repeats)}`);
  }
  const source =
    options.dir === undefined || options.dir === 'remote'
      ? ('remote' as const)
      : { dir: options.dir };
  const dataset = await loadTox21({ source, preprocess: true });
  const plan: Tox21Plan = {
    dataset: {
      train: dataset.train.n,
      test: dataset.test.n,
      features: dataset.train.d,
      tasks: dataset.tasks,
    },
    archs: shared.archs,
    repeats,
    grid,
    seed: shared.seed,
    validationFraction: TOX21_VALIDATION_FRACTION,
    smoothingWindow: SMOOTHING_WINDOW,
    optimizer: 'sgd',
  };
  const prepared = tox21Unit(dataset, shared.seed);
  const parts: DataPart[] = Array.from({ length: repeats }, (_, i) => ({
    unit: 'tox21',
    dataset: 'tox21',
    part: `repeat${i + 1}`,
    trainRows: prepared.train.n,
    inputs: prepared.train.d,
  }));
  const tasks = gridTasks(parts, shared.archs, grid, shared.seed);
  const outDir = resolveOutDir('tox21', options.out);
  log(
    `tox21: ${shared.archs.join(', ')}, grid ${grid.name}, ${repeats} repeat(s): ${tasks.length} configurations (${shared.workers} worker${shared.workers > 1 ? 's' : ''}); results in ${outDir}`,
  );
  const summary = await runGrid({
    outDir,
    header: { type: 'run', benchmark: 'tox21', fingerprint: plan },
    tasks,
    loadUnit: async () => prepared,
    trainInProcess: async (task, data) =>
      trainConfiguration(task, data, await ensureBackend(shared.backend)),
    workers: shared.workers,
    workerModule: options.workerModule,
    backend: shared.backend,
    shard: shared.shard,
    attempts: shared.attempts,
    queue: queueOption(shared, options.dir),
    progress: options.progress === false ? false : 'tox21',
    signal: options.signal,
    log,
  });
  logShardDone('tox21', summary, log);
  return finishTox21(plan, summary, outDir, log);
}

/** Report and files of a Tox21 run or merge from its records. */
export async function finishTox21(
  plan: Tox21Plan,
  summary: GridRunSummary,
  outDir: string,
  log: (line: string) => void,
): Promise<Tox21Result & { run: RunInfo }> {
  const result = reportTox21(plan, summary.records);
  result.config = { ...result.config, backend: backendsOf(summary.records) };
  return writeRunOutputs({
    benchmark: 'tox21',
    plotName: 'tox21',
    result,
    summary,
    outDir,
    log,
    markdown: tox21Markdown,
    plot: tox21Plot,
  });
}
