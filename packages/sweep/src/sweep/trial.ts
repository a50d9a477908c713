import { SnnError } from '../../../../internal/snn-error';
import { type Axes, type AxesPoint, expandAxes, pointId } from '../grid/expand-axes';
import { taskSeed } from '../grid/task-seed';
import type { StoreRecord } from '../store/result-store';

/** One configuration of a {@link sweep} on one data unit: what the store keys and seeds. */
export interface Trial<C = Record<string, unknown>> {
  /** `<unit>/<pointId(config)>`, e.g. `noisy/lr=0.3/hidden=16`. */
  key: string;
  unit: string;
  config: C;
  /** `taskSeed(seed, key)`: the same whichever process or machine trains the trial. */
  seed: number;
}

/** What `train` learns about its trial besides the configuration and the data. */
export interface TrialContext {
  key: string;
  unit: string;
  /** Seed every random choice of this trial (weights, shuffling, dropout) from this. */
  seed: number;
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
}

/** Fields every trial line of a store has besides `type` and `key`. */
export const TRIAL_RECORD_FIELDS = ['unit', 'config', 'seed', 'metrics'] as const;

/**
 * The trials of a sweep: every point of `space` on every unit, units in the given order, keyed
 * `<unit>/<pointId(config)>` and seeded by `taskSeed(seed, key)`.
 *
 * @example
 * trials({ lr: [0.1, 0.01] }, ['a'], 1).map((t) => t.key); // ['a/lr=0.1', 'a/lr=0.01']
 * @see https://arxiv.org/abs/1706.02515
 */
export function trials<A extends Axes>(
  space: A,
  units: readonly string[],
  seed: number,
): Array<Trial<AxesPoint<A>>> {
  const points = expandAxes(space);
  return units.flatMap((unit) =>
    points.map((config) => {
      const key = `${unit}/${pointId(config)}`;
      return { key, unit, config, seed: taskSeed(seed, key) };
    }),
  );
}

/**
 * Trains a trial with the user's `train` and wraps its metrics into the trial's store record.
 * Metrics must be a JSON object (numbers, strings, arrays…), since they are stored as one line.
 *
 * @example
 * await runTrial(trial, data, (config, data, ctx) => ({ loss: fit(config, data, ctx.seed) }));
 */
export async function runTrial<C, D, M>(
  trial: Trial<C>,
  data: D,
  train: TrialTrain<C, D, M>,
): Promise<TrialRecord<C, M>> {
  const started = performance.now();
  const metrics = await train(trial.config, data, {
    key: trial.key,
    unit: trial.unit,
    seed: trial.seed,
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
  };
}
