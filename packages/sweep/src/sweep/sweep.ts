import { SnnError } from '../../../../internal/snn-error';
import type { Executor } from '../executor/executor';
import type { Axes, AxesPoint } from '../grid/expand-axes';
import type { Shard } from '../grid/shard';
import type { RunTiming } from '../run/run-clock';
import { runSweep } from '../run/run-sweep';
import type { FailedRecord, StoreHeader } from '../store/result-store';
import {
  TRIAL_RECORD_FIELDS,
  type Trial,
  type TrialRecord,
  type TrialTrain,
  runTrial,
  trials,
} from './trial';

/** Options of {@link sweep}. */
export interface SweepOptions<A extends Axes, D, M> {
  /** The sweep's name, stored in its header (a store of another name is refused). */
  name: string;
  /** Folder of `store.jsonl` (one line per trial), `sessions.json` and the lock; rerun to resume. */
  outDir: string;
  /** The grid: each axis lists its values, e.g. `{ lr: [0.3, 0.03], hidden: [4, 16] }`. */
  space: A;
  /** The data units, each with a loader called once while its trials run: `{ clean: () => load() }`. */
  units: Record<string, () => D | Promise<D>>;
  /** The run seed: every trial's seed is `taskSeed(seed, key)`. An integer ≥ 0. */
  seed: number;
  /** Trains one configuration on one unit's data; returns its metrics as a JSON object. */
  train: TrialTrain<AxesPoint<A>, D, M>;
  /**
   * Whatever else the results depend on (epochs, code version), stored in the header: a rerun
   * with a different value is refused instead of mixing results.
   */
  fingerprint?: Record<string, unknown>;
  /**
   * Where trials train (default `inProcess()`). A `localPool` or `redisQueue` loads a worker
   * module whose default export is `trialWorker(train, …)`.
   */
  executor?: Executor;
  /** Tries per trial before it is recorded as failed (default 3). */
  attempts?: number;
  /** Delay before the first retry, doubled for each further one (default 1000 ms). */
  retryDelayMs?: number;
  /** This run's share of the trials (see `parseShard`); merge the shards with `mergeStoreFiles`. */
  shard?: Shard;
  /** Called for every trial stored now (not for resumed ones). */
  onTrial?(record: TrialRecord<AxesPoint<A>, M>): void;
  /** Notes (retries, failures), e.g. `console.error`. */
  log?(line: string): void;
  signal?: AbortSignal;
}

/** What {@link sweep} returns. */
export interface SweepResult<C, M> {
  /** Every stored trial of this space and these units (resumed ones too), in grid order. */
  trials: Array<TrialRecord<C, M>>;
  /** Trials whose tries all failed, with their last error; a rerun tries them again. */
  failed: FailedRecord[];
  /** Every trial has a record or is recorded as failed. */
  complete: boolean;
  /** Trials trained by this call, and found already stored. */
  trained: number;
  resumed: number;
  storePath: string;
  /** Wall time over every call that worked on this folder. */
  timing: RunTiming;
}

/**
 * Trains every configuration of `space` on every data unit once and stores each trial's metrics
 * as it finishes, so a killed sweep resumes where it stopped: the front door of `@snn/sweep` for
 * any model. Trial `key` = `<unit>/<axis=value/…>`, its seed = `taskSeed(seed, key)`; records do
 * not depend on order, executor or resumption. The store's header holds `name`, `seed` and
 * `fingerprint`; a rerun with other values is refused, while a wider `space` or more `units`
 * only add trials.
 *
 * @example
 * const result = await sweep({
 *   name: 'xor', outDir: 'runs/xor', seed: 1,
 *   space: { lr: [0.1, 0.01], hidden: [4, 8] },
 *   units: { xor: () => ({ x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] }) },
 *   train: async (config, data, { seed }) => ({ loss: await fit(config, data, seed) }),
 * });
 * result.trials[0]; // { key: 'xor/lr=0.1/hidden=4', config: { lr: 0.1, hidden: 4 }, metrics: { loss: … }, … }
 * @see https://arxiv.org/abs/1706.02515
 */
export async function sweep<A extends Axes, D, M>(
  options: SweepOptions<A, D, M>,
): Promise<SweepResult<AxesPoint<A>, M>> {
  checkSweepOptions(options as unknown as SweepOptions<Axes, unknown, unknown>);
  type C = AxesPoint<A>;
  const units = Object.keys(options.units);
  const tasks = trials(options.space, units, options.seed);
  const header: StoreHeader = {
    type: 'run',
    benchmark: options.name,
    fingerprint: { seed: options.seed, ...options.fingerprint },
    info: { space: options.space, units },
  };
  const summary = await runSweep<Trial<C>, D, TrialRecord<C, M>>({
    outDir: options.outDir,
    header,
    recordFields: TRIAL_RECORD_FIELDS,
    tasks,
    loadUnit: async (unit) => options.units[unit]!(),
    train: (trial, data) => runTrial(trial, data, options.train),
    executor: options.executor,
    attempts: options.attempts,
    retryDelayMs: options.retryDelayMs,
    shard: options.shard,
    onRecord: (_, record) => options.onTrial?.(record),
    onFailure: (trial, failure) =>
      options.log?.(`${trial.key} failed after ${failure.attempts} tries: ${failure.error}`),
    log: options.log,
    signal: options.signal,
  });
  const byKey = new Map(summary.records.map((r) => [r.key, r]));
  return {
    trials: tasks.flatMap((t) => byKey.get(t.key) ?? []),
    failed: summary.failed.filter((f) => tasks.some((t) => t.key === f.key)),
    complete: summary.complete,
    trained: summary.trained,
    resumed: summary.resumed,
    storePath: summary.storePath,
    timing: summary.timing,
  };
}

function checkSweepOptions(options: SweepOptions<Axes, unknown, unknown>): void {
  const fail = (message: string): never => {
    throw new SnnError(`sweep: ${message}`);
  };
  if (typeof options.name !== 'string' || options.name === '') {
    fail(`\`name\` must be a non-empty string, got ${JSON.stringify(options.name)}`);
  }
  if (typeof options.outDir !== 'string' || options.outDir === '') {
    fail(`\`outDir\` must be a folder path, got ${JSON.stringify(options.outDir)}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    fail(`\`seed\` must be an integer ≥ 0, got ${JSON.stringify(options.seed)}`);
  }
  if (options.space === null || typeof options.space !== 'object' || Array.isArray(options.space)) {
    fail('`space` must be an object of axes, e.g. { lr: [0.1, 0.01], depth: [2, 4] }');
  }
  for (const [axis, values] of Object.entries(options.space)) {
    if (!Array.isArray(values)) {
      fail(`\`space.${axis}\` must be an array of values, got ${JSON.stringify(values)}`);
    }
  }
  const units =
    options.units === null || typeof options.units !== 'object'
      ? []
      : Object.entries(options.units);
  if (units.length === 0) {
    fail(
      '`units` must name at least one data unit with its loader, e.g. { train: () => loadData() }',
    );
  }
  for (const [unit, load] of units) {
    if (typeof load !== 'function') {
      fail(`\`units.${unit}\` must be a function that loads the unit's data, got ${typeof load}`);
    }
    if (unit === '' || unit.includes('/')) {
      fail(
        `unit name ${JSON.stringify(unit)} must be non-empty and without "/" (it starts every trial key)`,
      );
    }
  }
  if (typeof options.train !== 'function') {
    fail('`train` must be a function (config, data, context) => metrics');
  }
}
