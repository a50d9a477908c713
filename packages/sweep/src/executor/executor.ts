import type { AshaPruner } from '../prune/asha';
import type { PruneDecision, ReportEpoch } from '../prune/report-epoch';
import type { FailedRecord, StoreHeader, StoreRecord } from '../store/result-store';
import type { RetryPolicy } from './retry-policy';
import type { SweepTask } from './sweep-task';

/**
 * One batch of work an {@link Executor} is handed by `runSweep`: the tasks the store lacks, how
 * to load a unit's data and train a task in this process, and where each outcome goes. The
 * executor reports every task exactly once — a record through `onResult` or, after the retry
 * policy's last try, a failure through `onFailed` — and returns when all are reported.
 */
export interface ExecutorRun<T extends SweepTask, D, R extends StoreRecord> {
  tasks: readonly T[];
  /** The run's store header (the queue derives its run id from it). */
  header: StoreHeader;
  /** The run's output folder (shown by the queue's status). */
  outDir: string;
  /** Loads the data of a unit in this process (each unit once while its tasks run). */
  loadUnit(unit: string): Promise<D>;
  /**
   * Trains one task in this process (executors that train elsewhere use their worker module);
   * `report` is the task's pruner, called after each epoch.
   */
  train(task: T, data: D, report: ReportEpoch): Promise<R>;
  /**
   * The run's pruner (absent: none). The queue hands it to its workers, which decide at rungs in
   * Redis; the other executors call {@link ExecutorRun.report}.
   */
  prune?: AshaPruner;
  /**
   * A task's report after an epoch, decided from the run's rung log (`runSweep` gives it; absent:
   * every report answers `continue`).
   */
  report?(task: T, epoch: number, value: number | null): Promise<PruneDecision>;
  /** Tries per task and the delay between them; the same for every executor. */
  retry: RetryPolicy;
  /** A task's record (its key is checked by `runSweep` before it is stored). */
  onResult(task: T, record: R): void | Promise<void>;
  /** A task whose tries are exhausted, with its last error. */
  onFailed(task: T, failure: FailedRecord): void | Promise<void>;
  /** Notes (retries, lost jobs), passwords already redacted. */
  log?(line: string): void;
  signal?: AbortSignal;
}

/**
 * Where a sweep's tasks are trained: {@link inProcess}, `localPool` (worker processes on this
 * machine) or `redisQueue` (from `@snn/sweep/redis`: workers on any number of machines). All
 * three share the retry policy and the record key check, and a record never depends on which
 * one trained it (each task carries its own seed).
 *
 * @example
 * await runSweep({ outDir, header, tasks, loadUnit, train, executor: localPool({ workers: 4, worker: moduleUrl }) });
 * @see https://arxiv.org/abs/1706.02515
 */
export interface Executor {
  /** `in-process`, `local-pool`, `redis-queue`, or a name of your own. */
  readonly kind: string;
  /** Trains `run.tasks` and reports each outcome; rejects only when the run cannot go on. */
  run<T extends SweepTask, D, R extends StoreRecord>(run: ExecutorRun<T, D, R>): Promise<void>;
}
