import { loadHtru2, loadTox21 } from '@snn/datasets';
import { type StoreHeader, gitCommit } from '@snn/sweep';
import type { QueueHandler } from '@snn/sweep/redis';
import packageJson from '../../../package.json';
import { parseFoldUnit } from '../data/fold-unit';
import { htru2Unit } from '../data/htru2-units';
import type { PreparedUnit } from '../data/prepared-unit';
import { tox21Unit } from '../data/tox21-units';
import { uciUnit } from '../data/uci-units';
import { BENCHMARKS } from '../grid/architectures';
import type { Htru2Plan } from '../htru2/htru2-report';
import type { ResultRecord, TabularHeader } from '../store/result-record';
import { ensureBackend } from '../train/backend';
import { trainConfiguration } from '../train/train-configuration';
import { loadUciDatasets } from '../uci/select-uci-datasets';
import type { GridTask } from './grid-task';
import { checkPlanLimits } from './plan-limits';
import { planTasks } from './plan-tasks';

/**
 * The code version a queued run and its workers must share: `@snn/experiments`'s version and,
 * from a checkout, its git commit, so a worker on other code refuses the run's tasks.
 */
export function tabularCodeVersion(): string {
  const commit = gitCommit();
  return `${packageJson.version}${commit === null ? '' : `+${commit}`}`;
}

/** The environment variable that names the tfjs backend of the grid's worker processes. */
export const WORKER_BACKEND_ENV = 'SNN_WORKER_BACKEND';

/**
 * The worker of the grid runs (the default export of `dist/grid-worker.js`), the same for the
 * processes of a local pool (`--workers N`) and the sandboxed processes of `snn worker`: trains a
 * configuration with `trainConfiguration` on `backend` (one thread, see `ensureBackend`). For a
 * task from the queue it also accepts only the uci, htru2 and tox21 benchmarks and only keys the
 * run's header produces (the task trained is rebuilt from the header, not taken from the
 * payload), and loads the data with the same loaders and cache as `snn uci|htru2|tox21`
 * (`source` is the path the run was given, or null for the default download cache).
 *
 * @example
 * export default tabularWorker(process.env[WORKER_BACKEND_ENV] ?? 'auto');
 * @see https://arxiv.org/abs/1706.02515
 */
export function tabularWorker(backend: string): QueueHandler<GridTask, PreparedUnit, ResultRecord> {
  const plans = new Map<string, Map<string, GridTask>>();
  const datasets = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!datasets.has(key)) datasets.set(key, load());
    return datasets.get(key) as Promise<T>;
  };
  return {
    version: tabularCodeVersion(),
    acceptTask(header: StoreHeader, task: unknown): GridTask {
      if (!(BENCHMARKS as readonly string[]).includes(header.benchmark)) {
        throw new Error(
          `unknown benchmark ${JSON.stringify(header.benchmark)}; snn worker trains only ${BENCHMARKS.join(', ')}`,
        );
      }
      const id = JSON.stringify(header.fingerprint);
      let byKey = plans.get(id);
      if (byKey === undefined) {
        // Sizes first: a header from the queue is untrusted, and planning allocates every task.
        checkPlanLimits(header, 'this job');
        byKey = new Map(planTasks(header as TabularHeader).map((t) => [t.key, t]));
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
      const seed = (header.fingerprint as { seed: number }).seed;
      if (header.benchmark === 'uci') {
        const { dataset: name, fold } = parseFoldUnit(unit);
        const loaded = await once(`uci:${source}:${name}`, async () => {
          const { loaded } = await loadUciDatasets([name], source ?? undefined);
          return loaded.get(name)!;
        });
        return uciUnit(loaded, fold, seed);
      }
      if (header.benchmark === 'htru2') {
        const plan = header.fingerprint as Htru2Plan;
        const { data, folds } = await once(`htru2:${source}:${plan.seed}`, () =>
          loadHtru2({ source: source === null ? 'remote' : { file: source }, seed: plan.seed }),
        );
        return htru2Unit(data, folds, parseFoldUnit(unit).fold);
      }
      const dataset = await once(`tox21:${source}`, () =>
        loadTox21({ source: source === null ? 'remote' : { dir: source }, preprocess: true }),
      );
      return tox21Unit(dataset, seed);
    },
    async train(task, data) {
      return trainConfiguration(task, data, await ensureBackend(backend));
    },
  };
}
