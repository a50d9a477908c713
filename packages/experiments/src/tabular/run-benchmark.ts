import { resolveOutDir } from '../common/output-dir';
import { resolveGrid } from './builtin-grid';
import { expandGrid } from './grid/expand-grid';
import { type DataPart, gridTasks } from './run/grid-task';
import { runGrid } from './run/run-grid';
import { type RunInfo, backendsOf } from './run/run-info';
import { type TabularRunOptions, logger, queueOption, resolveRunOptions } from './run/run-options';
import { type TabularSearch, tabularAsha } from './run/tabular-search';
import { type GridRunSummary, logShardDone, writeRunOutputs } from './run/write-run-outputs';
import type { TabularHeader } from './store/result-record';
import type { TabularBenchmark, TabularResult } from './tabular-benchmark';
import { ensureBackend } from './train/backend';
import { trainConfiguration } from './train/train-configuration';

/**
 * Runs a tabular benchmark (`snn <name>`): loads its data, plans the grid of every architecture
 * on every unit, trains what the output folder's result store does not hold yet (in this process,
 * on a local pool or through a Redis queue; resuming a killed run, or this shard's share), and
 * writes the benchmark's report, Markdown and plot once the grid is complete.
 *
 * @example
 * const result = await runBenchmark(tabularBenchmark('uci'), { datasets: ['iris'], grid: 'quick' });
 * console.log(result.run.files);
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runBenchmark<O extends TabularRunOptions, R extends TabularResult>(
  benchmark: TabularBenchmark<string, O, any, any, any, R>,
  options: O,
): Promise<R & { run: RunInfo }> {
  const shared = resolveRunOptions(options);
  const log = logger(options.progress !== false);
  const grid = resolveGrid(benchmark.name, options.grid, options.quick);
  for (const arch of shared.archs) expandGrid(grid, arch);
  const settings = benchmark.settings(options, grid);
  const data = await benchmark.load(settings, shared);
  const plan = benchmark.plan(data, settings, shared, grid);
  const parts: DataPart[] = benchmark
    .units(plan)
    .map((names) => ({ ...names, ...benchmark.unitSize(data, names) }));
  const tasks = gridTasks(parts, shared.archs, grid, shared.seed, shared.search);
  // Recorded only when not the paper's protocol, so grid runs keep their stores' headers.
  const prune = shared.prune ? tabularAsha(grid.epochs) : undefined;
  const search: TabularSearch = {
    ...(shared.search.type === 'grid' ? {} : { search: shared.search }),
    ...(prune === undefined ? {} : { prune }),
  };
  const outDir = resolveOutDir(benchmark.name, options.out);
  log(
    `${benchmark.name}: ${benchmark.describe(plan)}: ${tasks.length} configurations (${shared.workers} worker${shared.workers > 1 ? 's' : ''}); results in ${outDir}`,
  );
  for (const note of benchmark.notes?.(data) ?? []) log(`${benchmark.name}: ${note}`);
  const info = benchmark.info?.(data);
  const header: TabularHeader = {
    type: 'run',
    benchmark: benchmark.name,
    fingerprint: { ...plan, ...search },
    ...(info === undefined ? {} : { info }),
  };
  const summary = await runGrid({
    outDir,
    header,
    tasks,
    loadUnit: async (unit) => benchmark.unitData(data, unit, plan),
    trainInProcess: async (task, prepared, report) =>
      trainConfiguration(task, prepared, await ensureBackend(shared.backend), report),
    ...(prune === undefined ? {} : { prune }),
    workers: shared.workers,
    workerModule: options.workerModule,
    backend: shared.backend,
    shard: shared.shard,
    attempts: shared.attempts,
    queue: queueOption(shared, benchmark.source(settings)),
    progress: options.progress === false ? false : benchmark.name,
    signal: options.signal,
    log,
  });
  logShardDone(benchmark.name, summary, log);
  return finishBenchmark(benchmark, header, summary, outDir, log);
}

/**
 * The report and files of a benchmark's run, or of merged stores, from its records: the report
 * with the backends trained on, and once the grid is complete `<name>.json`, `<name>.md` and the
 * plot.
 *
 * @example
 * await finishBenchmark(benchmark, store.header, summary, 'results/merged', console.error);
 */
export async function finishBenchmark<R extends TabularResult>(
  benchmark: TabularBenchmark<string, any, any, any, any, R>,
  header: TabularHeader,
  summary: GridRunSummary,
  outDir: string,
  log: (line: string) => void,
  interim?: { planned: number },
): Promise<R & { run: RunInfo }> {
  const result = benchmark.report(header, summary.records);
  result.config = { ...result.config, backend: backendsOf(summary.records) };
  return writeRunOutputs({
    benchmark: benchmark.name,
    plotName: benchmark.plotName,
    result,
    summary,
    outDir,
    log,
    markdown: benchmark.markdown,
    plot: benchmark.plot,
    ...(interim === undefined ? {} : { interim }),
  });
}
