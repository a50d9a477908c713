import type { ReportEpoch } from '../prune/report-epoch';
import type { StoreHeader, StoreRecord } from '../store/result-store';
import type { SweepTask } from './sweep-task';

/**
 * What a worker module exports as its default export: how to train a task — the one shape a
 * `localPool` worker process and a `redisQueue` worker (`serveQueue`) both load. A local pool
 * sends the task and its unit's data from the sweep's process and calls only `train`; a queue
 * worker gets untrusted jobs from Redis, so it also needs `version`, `acceptTask` and `loadUnit`.
 *
 * @example
 * // worker.mjs
 * export default {
 *   version: '1.0.0',
 *   acceptTask: (header, task) => task,           // check what the queue hands over
 *   loadUnit: (header, unit, source) => load(unit),
 *   train: async (task, data) => ({ type: 'result', key: task.key, loss: fit(task, data) }),
 * };
 * @see https://arxiv.org/abs/1706.02515
 */
export interface SweepWorker<
  T extends SweepTask = SweepTask,
  D = unknown,
  R extends StoreRecord = StoreRecord,
> {
  /**
   * Trains one task where its data is; the record's `key` must be the task's key. With a pruner,
   * call `report(epoch, value)` after each epoch and stop when it answers `prune`.
   */
  train(task: T, data: D, report: ReportEpoch): Promise<R>;
  /** This code's version; a queued task of a run made by another version is refused. */
  version?: string;
  /**
   * Checks a task from the queue against its run header and returns the task to train — ideally
   * rebuilt from the header rather than taken on trust. Throws (with a message saying why) to
   * refuse: an unknown benchmark, a key the header does not produce, a malformed field.
   */
  acceptTask?(header: StoreHeader, task: unknown): T | Promise<T>;
  /** Loads the data of `unit` for a queued run (from `source`, or a default when null). */
  loadUnit?(header: StoreHeader, unit: string, source: string | null): Promise<D>;
  /** Units kept in memory between tasks by a queue worker (default 2). */
  unitsKept?: number;
}
