import { join } from 'node:path';
import { createProgress } from '../../common/progress';
import type { PreparedUnit } from '../data/prepared-unit';
import { type Shard, shardKeys } from '../grid/shard';
import { type WorkerCommand, runPool } from '../pool/worker-pool';
import { type ResultRecord, ResultStore, type StoreHeader } from '../store/result-store';
import type { GridTask } from './grid-task';
import { RunClock, type RunTiming } from './run-sessions';

/** File name of the result store inside a run's output folder. */
export const STORE_FILE = 'store.jsonl';

/** Options of {@link runGrid}. */
export interface RunGridOptions {
  outDir: string;
  header: StoreHeader;
  tasks: readonly GridTask[];
  loadUnit(unit: string): Promise<PreparedUnit>;
  /** Trains one task in this process (used when `workers` ≤ 1 or no worker command is given). */
  trainInProcess(task: GridTask, data: PreparedUnit): Promise<ResultRecord>;
  workers: number;
  workerCommand?: WorkerCommand;
  shard?: Shard;
  /** Progress label (`uci`, `htru2`, `tox21`); `false` for no progress output. */
  progress: string | false;
  /** Notes about resuming (stderr in the CLI). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** What {@link runGrid} did. */
export interface RunGridSummary {
  records: ResultRecord[];
  /** Every task of the whole grid (all shards) has a record. */
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
 * Trains the tasks of a grid that the run's result store does not hold yet (only this shard's
 * share with `shard`), appending each record as it finishes, on a pool of `workers` processes.
 * Rerunning the same command after a kill resumes: finished configurations are read back, not
 * trained again.
 *
 * @example
 * const summary = await runGrid({ outDir, header, tasks, loadUnit, trainInProcess, workers: 2, progress: 'uci' });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runGrid(options: RunGridOptions): Promise<RunGridSummary> {
  const storePath = join(options.outDir, STORE_FILE);
  const store = ResultStore.open(storePath, options.header);
  const clock = RunClock.start(options.outDir);
  try {
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
    const label = options.progress === false ? options.header.benchmark : options.progress;
    if (store.repairedBytes > 0) {
      options.log?.(
        `${label}: dropped a record cut short by the interruption (${store.repairedBytes} bytes); it is trained again`,
      );
    }
    if (resumed > 0) {
      options.log?.(
        `${label}: resuming — ${resumed} of ${shardTasks.length} configurations are already in ${storePath}`,
      );
    }
    const progress =
      options.progress === false
        ? null
        : createProgress({ total: shardTasks.length, label: options.progress, initial: resumed });
    await runPool(
      todo.map((task) => ({ id: task.key, unit: task.unit, payload: task })),
      {
        workers: options.workers,
        command: options.workerCommand,
        execute: (task, data: PreparedUnit) => options.trainInProcess(task.payload, data),
        loadUnit: options.loadUnit,
        onResult: (task, record: ResultRecord) => {
          store.append(record);
          clock.tick();
          const last = record.validation.filter((v) => v !== null).at(-1);
          progress?.tick(
            1,
            `${task.payload.dataset}/${task.payload.part} ${task.payload.config.arch}${record.diverged ? ' diverged' : ''} val ${last?.toFixed(3) ?? '—'}`,
          );
        },
        signal: options.signal,
      },
    );
    progress?.done();
    const records = store.records();
    return {
      records,
      complete: options.tasks.every((t) => store.has(t.key)),
      trained: todo.length,
      resumed,
      shardTasks: shardTasks.length,
      storePath,
      timing: clock.timing(),
    };
  } finally {
    store.close();
  }
}
