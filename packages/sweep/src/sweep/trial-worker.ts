import { SnnError } from '../../../../internal/snn-error';
import type { SweepWorker } from '../executor/sweep-worker';
import { taskSeed } from '../grid/task-seed';
import { searchPointId } from '../search/search-points';
import type { StoreHeader } from '../store/result-store';
import { type Trial, type TrialRecord, type TrialTrain, runTrial, trialKey } from './trial';

/** Options of {@link trialWorker}: what a queue worker needs besides `train`. */
export interface TrialWorkerOptions<D> {
  /** Code version; a queued trial of a run made by another version is refused (default `'0'`). */
  version?: string;
  /** Loaders of the units, as given to `sweep` (a queue worker loads its own data). */
  units?: Record<string, () => D | Promise<D>>;
}

/**
 * The worker module of a {@link sweep} trained by `localPool` or `redisQueue`: export it as the
 * module's default export and give the module to the executor. A local pool uses only `train`
 * (the data comes from the sweep's process); a queue worker also checks each trial it gets —
 * its key must be `<unit>/[trial=<i>/]<pointId(config)>` of a known unit and its seed the run's
 * `taskSeed(seed, key)` — and loads the unit with `units`.
 *
 * @example
 * // worker.mjs
 * export default trialWorker((config, data, { seed }) => fitAndScore(config, data, seed), { units });
 * // sweep.mjs
 * await sweep({ …, train, executor: localPool({ workers: 4, worker: new URL('./worker.mjs', import.meta.url) }) });
 * @see https://arxiv.org/abs/1706.02515
 */
export function trialWorker<C extends Record<string, unknown>, D, M>(
  train: TrialTrain<C, D, M>,
  options: TrialWorkerOptions<D> = {},
): Required<Omit<SweepWorker<Trial<C>, D, TrialRecord<C, M>>, 'unitsKept'>> {
  return {
    version: options.version ?? '0',
    train: (trial, data, report) => runTrial(trial, data, train, report),
    acceptTask(header: StoreHeader, task: unknown): Trial<C> {
      const t = task as Partial<Trial<C>> | null;
      const refuse = (why: string): never => {
        throw new SnnError(`trialWorker: refused ${JSON.stringify(t?.key)}: ${why}`);
      };
      if (t === null || typeof t !== 'object') return refuse('not a trial object');
      if (typeof t.unit !== 'string' || !(options.units === undefined || t.unit in options.units)) {
        refuse(`unknown unit ${JSON.stringify(t.unit)}`);
      }
      if (t.config === null || typeof t.config !== 'object' || Array.isArray(t.config)) {
        refuse('its config is not an object');
      }
      if (t.index !== undefined && (!Number.isSafeInteger(t.index) || t.index < 0)) {
        refuse('its trial number is not an integer ≥ 0');
      }
      if (t.key !== trialKey(t.unit!, searchPointId(t.config as C, t.index))) {
        refuse(`its key is not <unit>/${t.index === undefined ? '' : 'trial=<i>/'}<config>`);
      }
      const seed = (header.fingerprint as { seed?: unknown }).seed;
      if (typeof seed !== 'number' || t.seed !== taskSeed(seed, t.key!)) {
        refuse("its seed is not the run's seed for its key");
      }
      return {
        key: t.key!,
        unit: t.unit!,
        config: t.config as C,
        ...(t.index === undefined ? {} : { index: t.index }),
        seed: t.seed!,
      };
    },
    async loadUnit(_header: StoreHeader, unit: string): Promise<D> {
      const load = options.units?.[unit];
      if (load === undefined) {
        throw new SnnError(
          `trialWorker: no loader for unit ${JSON.stringify(unit)}; pass the sweep's \`units\` in trialWorker(train, { units }) so a queue worker can load its data`,
        );
      }
      return load();
    },
  };
}
