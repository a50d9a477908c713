import { join } from 'node:path';
import { type Shard, shardKeys } from '../grid/shard';
import { type WorkerCommand, runPool } from '../pool/worker-pool';
import { dataFingerprint } from '../queue/data-fingerprint';
import { type QueueRunOptions, runQueue } from '../queue/run-queue';
import { LOCK_FILE, type OutDirLock, lockOutDir } from '../store/out-dir-lock';
import {
  type FailedRecord,
  ResultStore,
  type StoreHeader,
  type StoreRecord,
  storeWriteError,
} from '../store/result-store';
import { STORE_FILE } from '../store/store-file';
import { RunClock, type RunTiming, SESSIONS_FILE } from './run-clock';
import { redactUrls } from './run-provenance';

/** What a sweep needs of a task: a key unique in the run and the data unit it trains on. */
export interface SweepTask {
  /** The store key, e.g. `iris/fold1/snn/depth=2/lr=0.1`. */
  key: string;
  /** Which data the task needs; tasks of one unit share one load. */
  unit: string;
}

/** How many tasks a starting sweep has, and how many of them its store already holds. */
export interface SweepStart {
  /** Tasks of this shard (all tasks without a shard). */
  total: number;
  /** Of those, found finished in the store. */
  resumed: number;
  /** Bytes of a record cut short by an earlier kill, dropped on opening (that task runs again). */
  repairedBytes: number;
  storePath: string;
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions<T extends SweepTask, D, R extends StoreRecord> {
  /** The run's folder: `store.jsonl`, `sessions.json` and the lock file live here. */
  outDir: string;
  header: StoreHeader;
  /** Fields every stored record must have besides `type` and `key`; a line without one is named. */
  recordFields?: readonly string[];
  tasks: readonly T[];
  /** Loads the data of a unit (once per unit in this process). */
  loadUnit(unit: string): Promise<D>;
  /** Trains one task where its data is; its record's `key` must be the task's key. */
  train(task: T, data: D): Promise<R>;
  /** Worker processes (default 1: train in this process). */
  workers?: number;
  /** How to start a worker process, which calls `serveWorker`; needed for `workers` > 1. */
  workerCommand?: WorkerCommand;
  /** This run's share of the tasks (`--shard i/n`); the rest is left to other runs. */
  shard?: Shard;
  /** Called once the store is open, before training starts (progress bars, resume notes). */
  onStart?(start: SweepStart): void;
  /** Called for every new record, after it is stored. */
  onRecord?(task: T, record: R): void;
  /** Called for every task recorded as failed (queue runs: after its last attempt). */
  onFailure?(task: T, failure: FailedRecord): void;
  /**
   * Run the tasks through a Redis queue (BullMQ) served by `serveQueue` workers on any number of
   * machines, instead of the local pool; `workers` and `workerCommand` are then unused.
   */
  queue?: QueueRunOptions;
  /** Notes from the queue coordinator (failed tasks). */
  log?(line: string): void;
  signal?: AbortSignal;
}

/** What {@link runSweep} did. */
export interface SweepSummary<R extends StoreRecord> {
  records: R[];
  /** Tasks recorded as failed (queue runs) that have no record. */
  failed: FailedRecord[];
  /** Every task of the whole sweep (all shards) has a record or is recorded as failed. */
  complete: boolean;
  /** Tasks of this shard trained now / found already finished in the store. */
  trained: number;
  resumed: number;
  /** Tasks of this shard. */
  shardTasks: number;
  storePath: string;
  /** Wall time of the run over all its invocations (`sessions.json` beside the store). */
  timing: RunTiming;
}

/**
 * Trains the tasks that the run's result store does not hold yet (only this shard's share with
 * `shard`), appending each record as it finishes, in this process or on a pool of `workers`
 * processes. Rerunning the same call after a kill resumes: finished tasks are read back, never
 * trained again. The output folder is locked for the run, so a second run on it is refused with
 * a message naming the first.
 *
 * @example
 * const tasks = expandAxes({ lr: [0.1, 0.01] }).map((p) => ({ key: pointId(p), unit: 'xor', ...p }));
 * const summary = await runSweep({ outDir: 'runs/xor', header: { type: 'run', benchmark: 'xor', fingerprint: { seed: 1 } },
 *   tasks, loadUnit: async () => data, train: async (task, data) => ({ type: 'result', key: task.key, loss: fit(task, data) }) });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runSweep<T extends SweepTask, D, R extends StoreRecord>(
  options: RunSweepOptions<T, D, R>,
): Promise<SweepSummary<R>> {
  const storePath = join(options.outDir, STORE_FILE);
  let lock: OutDirLock;
  try {
    lock = lockOutDir(options.outDir, redactUrls(process.argv.slice(1).join(' ')));
  } catch (error) {
    throw storeWriteError(join(options.outDir, LOCK_FILE), null, error, storePath);
  }
  try {
    const store = ResultStore.open<R>(storePath, options.header, options.recordFields);
    try {
      let clock: RunClock;
      try {
        clock = RunClock.start(options.outDir);
      } catch (error) {
        throw storeWriteError(
          join(options.outDir, SESSIONS_FILE),
          store.records().length,
          error,
          storePath,
        );
      }
      const mine = options.shard
        ? new Set(
            shardKeys(
              options.tasks.map((t) => t.key),
              options.shard,
            ),
          )
        : null;
      const shardTasks = options.tasks.filter((t) => mine === null || mine.has(t.key));
      const todo = shardTasks.filter((t) => !store.has(t.key));
      const resumed = shardTasks.length - todo.length;
      options.onStart?.({
        total: shardTasks.length,
        resumed,
        repairedBytes: store.repairedBytes,
        storePath,
      });
      const tick = (): void => {
        try {
          clock.tick();
        } catch (error) {
          throw storeWriteError(clock.path, store.records().length, error, storePath);
        }
      };
      const onResult = (task: T, record: R): void => {
        store.append(record);
        tick();
        options.onRecord?.(task, record);
      };
      if (options.queue !== undefined) {
        await runQueue<T, R>(todo, options.header, options.outDir, options.queue, {
          fingerprint: async (unit) => dataFingerprint(await options.loadUnit(unit)),
          onResult,
          onFailed: (task, failure) => {
            store.appendFailure(failure);
            tick();
            options.onFailure?.(task, failure);
          },
          log: options.log,
          signal: options.signal,
        });
      } else {
        await runPool(
          todo.map((task) => ({ id: task.key, unit: task.unit, payload: task })),
          {
            workers: options.workers ?? 1,
            command: options.workerCommand,
            execute: (task, data: D) => options.train(task.payload, data),
            loadUnit: options.loadUnit,
            onResult: (task, record: R) => onResult(task.payload, record),
            signal: options.signal,
          },
        );
      }
      return {
        records: store.records(),
        failed: store.failures(),
        complete: options.tasks.every((t) => store.has(t.key) || store.hasFailed(t.key)),
        trained: todo.length,
        resumed,
        shardTasks: shardTasks.length,
        storePath,
        timing: clock.timing(),
      };
    } finally {
      store.close();
    }
  } finally {
    lock.release();
  }
}
