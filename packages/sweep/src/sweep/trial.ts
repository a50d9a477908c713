import { SnnError } from '../../../../internal/snn-error';
import { taskSeed } from '../grid/task-seed';
import { NEVER_PRUNE, type PruneDecision, type ReportEpoch } from '../prune/report-epoch';
import { searchPoints } from '../search/search-points';
import type { SearchSpace, SpacePoint } from '../search/search-space';
import type { SearchStrategy } from '../search/search-strategy';
import type { StoreRecord } from '../store/result-store';

/** One configuration of a {@link sweep} on one data unit: what the store keys and seeds. */
export interface Trial<C = Record<string, unknown>> {
  /**
   * `<unit>/<pointId(config)>` for a grid, e.g. `noisy/lr=0.3/hidden=16`;
   * `<unit>/trial=<i>/<pointId(config)>` for random search.
   */
  key: string;
  unit: string;
  config: C;
  /** Trial number of a random search (absent for a grid). */
  index?: number;
  /** `taskSeed(seed, key)`: the same whichever process or machine trains the trial. */
  seed: number;
}

/** What `train` learns about its trial besides the configuration and the data. */
export interface TrialContext {
  key: string;
  unit: string;
  /** Seed every random choice of this trial (weights, shuffling, dropout) from this. */
  seed: number;
  /**
   * Call after each epoch (1-based) with the value the pruner compares; stop training when it
   * answers `prune` (the trial is stored as pruned). Without `prune` it always answers `continue`.
   */
  report(epoch: number, value: number | null): Promise<PruneDecision>;
}

/** Trains one configuration on one unit's data and returns its metrics (JSON values). */
export type TrialTrain<C, D, M> = (config: C, data: D, context: TrialContext) => M | Promise<M>;

/** The store line of a finished trial. */
export interface TrialRecord<C = Record<string, unknown>, M = Record<string, unknown>>
  extends StoreRecord {
  unit: string;
  config: C;
  seed: number;
  /** What `train` returned. */
  metrics: M;
  /** Wall time of the training, in seconds (the only field that differs between reruns). */
  seconds: number;
  /** The epoch after which the pruner stopped the trial (absent: it trained to its end). */
  pruned?: number;
}

/** Fields every trial line of a store has besides `type` and `key`. */
export const TRIAL_RECORD_FIELDS = ['unit', 'config', 'seed', 'metrics'] as const;

/**
 * The store key of a trial: `<unit>/<point id>`, the point id as `searchPoints` gives it
 * (`pointId(config)`, or `trial=<i>/<pointId(config)>` for random search). Its seed derives from it.
 *
 * @example
 * trialKey('noisy', 'lr=0.3/hidden=16'); // 'noisy/lr=0.3/hidden=16'
 */
export function trialKey(unit: string, pointIdText: string): string {
  return `${unit}/${pointIdText}`;
}

/**
 * The trials of a sweep: the points `search` takes from `space` (default: the whole grid) on
 * every unit, units in the given order, keyed `<unit>/<point id>` (see `searchPoints`) and
 * seeded by `taskSeed(seed, key)`. Random search draws the same configurations for every unit.
 *
 * @example
 * trials({ lr: [0.1, 0.01] }, ['a'], 1).map((t) => t.key); // ['a/lr=0.1', 'a/lr=0.01']
 * trials({ lr: logRange(1e-3, 1) }, ['a'], 1, random({ trials: 2 })).map((t) => t.key); // ['a/trial=0/lr=…', 'a/trial=1/lr=…']
 * @see https://arxiv.org/abs/1706.02515
 */
export function trials<S extends SearchSpace>(
  space: S,
  units: readonly string[],
  seed: number,
  search: SearchStrategy = { type: 'grid' },
): Array<Trial<SpacePoint<S>>> {
  const points = searchPoints(space, search, seed);
  return units.flatMap((unit) =>
    points.map(({ id, config, index }) => {
      const key = trialKey(unit, id);
      return {
        key,
        unit,
        config,
        ...(index === undefined ? {} : { index }),
        seed: taskSeed(seed, key),
      };
    }),
  );
}

/**
 * Trains a trial with the user's `train` and wraps its metrics into the trial's store record.
 * Metrics must be a JSON object (numbers, strings, arrays…), since they are stored as one line.
 * `report` is the trial's pruner; the record notes the epoch at which it answered `prune`.
 *
 * @example
 * await runTrial(trial, data, (config, data, ctx) => ({ loss: fit(config, data, ctx.seed) }));
 */
export async function runTrial<C, D, M>(
  trial: Trial<C>,
  data: D,
  train: TrialTrain<C, D, M>,
  report: ReportEpoch = NEVER_PRUNE,
): Promise<TrialRecord<C, M>> {
  const started = performance.now();
  let pruned: number | undefined;
  const metrics = await train(trial.config, data, {
    key: trial.key,
    unit: trial.unit,
    seed: trial.seed,
    report: async (epoch, value) => {
      if (pruned !== undefined) return 'prune';
      const decision = await report(epoch, value);
      if (decision === 'prune') pruned = epoch;
      return decision;
    },
  });
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics)) {
    throw new SnnError(
      `sweep: \`train\` must return an object of metrics, e.g. { loss: 0.31, accuracy: 0.9 }, got ${Array.isArray(metrics) ? 'an array' : JSON.stringify(metrics)} for ${trial.key}`,
    );
  }
  return {
    type: 'result',
    key: trial.key,
    unit: trial.unit,
    config: trial.config,
    seed: trial.seed,
    metrics,
    seconds: (performance.now() - started) / 1000,
    ...(pruned === undefined ? {} : { pruned }),
  };
}
