import type { StoreHeader } from '@snn/sweep';
import type { QueueHandler } from '@snn/sweep/redis';
import { BENCHMARKS, findTabularBenchmark } from './benchmarks';
import type { PreparedUnit } from './data/prepared-unit';
import type { GridTask } from './run/grid-task';
import { checkPlanLimits } from './run/plan-limits';
import { planTasks } from './run/plan-tasks';
import { tabularCodeVersion } from './run/tabular-code-version';
import type { ResultRecord, TabularHeader } from './store/result-record';
import type { TabularBenchmark } from './tabular-benchmark';
import { ensureBackend } from './train/backend';
import { trainConfiguration } from './train/train-configuration';

/**
 * The worker of the grid runs (the default export of `dist/grid-worker.js`), the same for the
 * processes of a local pool (`--workers N`) and the sandboxed processes of `snn worker`: trains a
 * configuration with `trainConfiguration` on `backend` (one thread, see `ensureBackend`). For a
 * task from the queue it also accepts only the benchmarks of `TABULAR_BENCHMARKS` and only keys
 * the run's header produces (the task trained is rebuilt from the header, not taken from the
 * payload), and loads the data with the benchmark's `loadUnit`: the same loaders and cache as
 * `snn <benchmark>` (`source` is the path the run was given, or null for the default download
 * cache).
 *
 * @example
 * export default tabularWorker(process.env[WORKER_BACKEND_ENV] ?? 'auto');
 * @see https://arxiv.org/abs/1706.02515
 */
export function tabularWorker(backend: string): QueueHandler<GridTask, PreparedUnit, ResultRecord> {
  const plans = new Map<string, Map<string, GridTask>>();
  const datasets = new Map<string, Promise<unknown>>();
  const benchmarkOf = (header: StoreHeader): TabularBenchmark => {
    const benchmark = findTabularBenchmark(header.benchmark);
    if (benchmark === undefined) {
      throw new Error(
        `unknown benchmark ${JSON.stringify(header.benchmark)}; snn worker trains only ${BENCHMARKS.join(', ')}`,
      );
    }
    return benchmark;
  };
  return {
    version: tabularCodeVersion(),
    acceptTask(header: StoreHeader, task: unknown): GridTask {
      const benchmark = benchmarkOf(header);
      const id = JSON.stringify(header.fingerprint);
      let byKey = plans.get(id);
      if (byKey === undefined) {
        // Sizes first: a header from the queue is untrusted, and planning allocates every task.
        checkPlanLimits(benchmark, header, 'this job');
        byKey = new Map(planTasks(benchmark, header as TabularHeader).map((t) => [t.key, t]));
        plans.clear();
        plans.set(id, byKey);
      }
      const key = (task as { key: string }).key;
      const trusted = byKey.get(key);
      if (trusted === undefined) {
        throw new Error(`${JSON.stringify(key)} is not a configuration of this run's grid`);
      }
      return trusted;
    },
    async loadUnit(header: StoreHeader, unit: string, source: string | null) {
      const benchmark = benchmarkOf(header);
      // Each data set is loaded once per worker process, whichever of its units comes first.
      const cache = <T>(key: string, load: () => Promise<T>): Promise<T> => {
        const cacheKey = `${benchmark.name}:${key}`;
        if (!datasets.has(cacheKey)) datasets.set(cacheKey, load());
        return datasets.get(cacheKey) as Promise<T>;
      };
      return benchmark.loadUnit(header.fingerprint, unit, source, cache);
    },
    async train(task, data, report) {
      return trainConfiguration(task, data, await ensureBackend(backend), report);
    },
  };
}
