import { join } from 'node:path';
import { SnnError } from '../../../../internal/snn-error';
import { recordKeyError } from '../executor/check-record';
import type { Executor } from '../executor/executor';
import { inProcess } from '../executor/in-process';
import { retryPolicy } from '../executor/retry-policy';
import type { SweepTask } from '../executor/sweep-task';
import { type Shard, shardKeys } from '../grid/shard';
import { type AshaPruner, checkPruner } from '../prune/asha';
import type { ReportEpoch } from '../prune/report-epoch';
import { RUNGS_FILE, RungLog } from '../prune/rung-log';
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

export type { SweepTask } from '../executor/sweep-task';

/** How many tasks a starting sweep has, and how many of them its store already holds. */
export interface SweepStart {
  /** Tasks of this shard (all tasks without a shard). */
  total: number;
  /** Of those, found finished in the store. */
  resumed: number;
  /** Bytes of a record cut short by an earlier kill, dropped on opening (that task runs again). */
  repairedBytes: number;
  /** The file the store's records were read from: `store.jsonl`, or `store.jsonl.gz` until the first write. */
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
  /**
   * Trains one task in this process; its record's `key` must be the task's key. With `prune`,
   * call `report(epoch, value)` after each epoch and stop when it answers `prune`.
   */
  train(task: T, data: D, report: ReportEpoch): Promise<R>;
  /**
   * Stops unpromising tasks early (`asha({ … })`), comparing tasks of one bracket (`task.bracket`,
   * default its unit). In this process and on a local pool the decisions are taken and kept in
   * `rungs.jsonl` beside the store; through a Redis queue the workers take them in Redis. Absent:
   * every report answers `continue`.
   */
  prune?: AshaPruner;
  /**
   * Where the tasks train (default {@link inProcess}): `localPool({ workers, worker })` on local
   * processes, or `redisQueue({ url, version })` from `@snn/sweep/redis` on any machines.
   */
  executor?: Executor;
  /** Tries per task before it is recorded as failed (default 3), for every executor. */
  attempts?: number;
  /** Delay before the first retry, doubled for each further one (default 1000 ms). */
  retryDelayMs?: number;
  /** This run's share of the tasks (see `parseShard`); the rest is left to other runs. */
  shard?: Shard;
  /** Called once the store is open, before training starts (progress bars, resume notes). */
  onStart?(start: SweepStart): void;
  /** Called for every new record, after it is stored. */
  onRecord?(task: T, record: R): void;
  /** Called for every task recorded as failed (after its last try). */
  onFailure?(task: T, failure: FailedRecord): void;
  /** Notes of the executor (retries, lost jobs; passwords redacted). */
  log?(line: string): void;
  signal?: AbortSignal;
}

/** What {@link runSweep} did. */
export interface SweepSummary<R extends StoreRecord> {
  records: R[];
  /** Tasks recorded as failed (after their last try) that have no record. */
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
 * `shard`), appending each record as it finishes, on the chosen `executor` (default: in this
 * process). Every executor follows one retry policy (`attempts`, `retryDelayMs`) and one record
 * check (a record's `key` must be its task's), and a record never depends on the executor.
 * Rerunning the same call after a kill resumes: finished tasks are read back, never trained
 * again, and tasks recorded as failed are tried again. The output folder is locked for the run,
 * so a second run on it is refused with a message naming the first.
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
  const retry = retryPolicy(options);
  checkTaskKeys(options.tasks);
  const prune =
    options.prune === undefined ? undefined : checkPruner(options.prune, 'runSweep: `prune`');
  const executor = options.executor ?? inProcess();
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
        storePath: store.file,
      });
      const tick = (): void => {
        try {
          clock.tick();
        } catch (error) {
          throw storeWriteError(clock.path, store.records().length, error, storePath);
        }
      };
      // Opened at the first rung a task reaches, so runs without pruning (or on a queue) have none.
      let rungs: RungLog | null = null;
      const report = async (task: T, epoch: number, value: number | null) => {
        if (prune === undefined) return 'continue' as const;
        try {
          rungs ??= RungLog.open(options.outDir, options.header);
          return rungs.decide(prune, task.bracket ?? task.unit, task.key, epoch, value);
        } catch (error) {
          throw storeWriteError(
            join(options.outDir, RUNGS_FILE),
            store.records().length,
            error,
            storePath,
          );
        }
      };
      const onFailed = (task: T, failure: FailedRecord): void => {
        store.appendFailure(failure);
        tick();
        options.onFailure?.(task, failure);
      };
      try {
        await executor.run<T, D, R>({
          tasks: todo,
          header: options.header,
          outDir: options.outDir,
          loadUnit: options.loadUnit,
          train: options.train,
          ...(prune === undefined ? {} : { prune }),
          report,
          retry,
          onResult: (task, record) => {
            // The one key check of every executor: a mixed-up record is a failure, never stored.
            const problem = recordKeyError(task.key, record);
            if (problem !== null) {
              onFailed(task, { type: 'failed', key: task.key, error: problem, attempts: 1 });
              return;
            }
            store.append(record);
            tick();
            options.onRecord?.(task, record);
          },
          onFailed,
          log: options.log,
          signal: options.signal,
        });
      } finally {
        (rungs as RungLog | null)?.close();
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

/** Tasks must have distinct string keys and units: a store holds one record per key. */
function checkTaskKeys(tasks: readonly SweepTask[]): void {
  const seen = new Set<string>();
  for (const [i, task] of tasks.entries()) {
    if (typeof task?.key !== 'string' || task.key === '' || typeof task.unit !== 'string') {
      throw new SnnError(
        `runSweep: \`tasks[${i}]\` must have a non-empty string \`key\` and a string \`unit\`, got ${JSON.stringify(task)?.slice(0, 200)}`,
      );
    }
    if (seen.has(task.key)) {
      throw new SnnError(
        `runSweep: \`tasks\` holds the key ${JSON.stringify(task.key)} twice (tasks[${i}]); a store keeps one record per key — make keys unique, e.g. \`\${unit}/\${pointId(point)}\``,
      );
    }
    seen.add(task.key);
  }
}
