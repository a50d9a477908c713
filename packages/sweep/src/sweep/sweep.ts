import { SnnError } from '../../../../internal/snn-error';
import type { Executor } from '../executor/executor';
import type { Shard } from '../grid/shard';
import { type AshaPruner, checkPruner } from '../prune/asha';
import type { RunTiming } from '../run/run-clock';
import { runSweep } from '../run/run-sweep';
import { type SearchSpace, type SpacePoint, checkSpace } from '../search/search-space';
import { type SearchStrategy, checkSearch } from '../search/search-strategy';
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
export interface SweepOptions<S extends SearchSpace, D, M> {
  /** The sweep's name, stored in its header (a store of another name is refused). */
  name: string;
  /** Folder of `store.jsonl` (one line per trial), `sessions.json` and the lock; rerun to resume. */
  outDir: string;
  /**
   * The search space: each dimension a list of choices (`{ lr: [0.3, 0.03], hidden: [4, 16] }`,
   * a grid) or, for random search, a range (`logRange(1e-3, 1)`, `intRange(1, 8)`).
   */
  space: S;
  /**
   * Which configurations of `space` are trained on every unit: `grid()` (default) or
   * `random({ trials })`, whose trial i is a function of `seed` and i alone.
   */
  search?: SearchStrategy;
  /**
   * Stops unpromising trials early: `asha({ minResource, reductionFactor, maxResource })`. `train`
   * then calls `context.report(epoch, value)` after each epoch and stops when it answers `prune`;
   * such a trial is stored with `pruned: <epoch>` and counts as done on resume. Trials of one
   * unit are compared. Stored in the header: a rerun with other settings is refused.
   */
  prune?: AshaPruner;
  /** The data units, each with a loader called once while its trials run: `{ clean: () => load() }`. */
  units: Record<string, () => D | Promise<D>>;
  /** The run seed: every trial's seed is `taskSeed(seed, key)`. An integer ≥ 0. */
  seed: number;
  /** Trains one configuration on one unit's data; returns its metrics as a JSON object. */
  train: TrialTrain<SpacePoint<S>, D, M>;
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
  onTrial?(record: TrialRecord<SpacePoint<S>, M>): void;
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
 * Trains every configuration of `space` (or `trials` random ones) on every data unit once and
 * stores each trial's metrics as it finishes, so a killed sweep resumes where it stopped: the
 * front door of `@snn/sweep` for any model. Trial `key` = `<unit>/<axis=value/…>` (random:
 * `<unit>/trial=<i>/<axis=value/…>`), its seed = `taskSeed(seed, key)`; records do not depend on
 * order, executor or resumption. With `prune`, which trials ASHA stops may depend on the order
 * in which trials reach their rungs (see the README's "What is deterministic"). The store's header holds `name`, `seed` and
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
export async function sweep<S extends SearchSpace, D, M>(
  options: SweepOptions<S, D, M>,
): Promise<SweepResult<SpacePoint<S>, M>> {
  checkSweepOptions(options as unknown as SweepOptions<SearchSpace, unknown, unknown>);
  type C = SpacePoint<S>;
  const units = Object.keys(options.units);
  const search = checkSearch(options.search ?? { type: 'grid' }, 'sweep');
  const prune =
    options.prune === undefined ? undefined : checkPruner(options.prune, 'sweep: `prune`');
  const tasks = trials(options.space, units, options.seed, search);
  const header: StoreHeader = {
    type: 'run',
    benchmark: options.name,
    // A random trial's key names its number and configuration, so grid and random trials never
    // share a key and the search need not be in the fingerprint; the pruner changes records.
    fingerprint: {
      seed: options.seed,
      ...options.fingerprint,
      ...(prune === undefined ? {} : { prune }),
    },
    info: { space: options.space, search, units },
  };
  const summary = await runSweep<Trial<C>, D, TrialRecord<C, M>>({
    outDir: options.outDir,
    header,
    recordFields: TRIAL_RECORD_FIELDS,
    tasks,
    loadUnit: async (unit) => options.units[unit]!(),
    train: (trial, data, report) => runTrial(trial, data, options.train, report),
    ...(prune === undefined ? {} : { prune }),
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

function checkSweepOptions(options: SweepOptions<SearchSpace, unknown, unknown>): void {
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
  checkSpace(options.space, 'sweep');
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
