import {
  type AshaPruner,
  type Executor,
  type ReportEpoch,
  type Shard,
  type SweepSummary,
  inProcess,
  localPool,
  runSweep,
} from '@snn/sweep';
import { type Progress, createProgress } from '../../common/progress';
import type { PreparedUnit } from '../data/prepared-unit';
import {
  RESULT_RECORD_FIELDS,
  type ResultRecord,
  type TabularHeader,
} from '../store/result-record';
import { withSweepFlags } from '../sweep-option-flags';
import type { GridTask } from './grid-task';
import { tabularCodeVersion } from './tabular-code-version';
import { WORKER_BACKEND_ENV } from './worker-backend-env';

export { STORE_FILE } from '@snn/sweep';

/** Options of {@link runGrid}. */
export interface RunGridOptions {
  outDir: string;
  header: TabularHeader;
  tasks: readonly GridTask[];
  loadUnit(unit: string): Promise<PreparedUnit>;
  /** Trains one task in this process (used when `workers` ≤ 1 or no worker command is given). */
  trainInProcess(task: GridTask, data: PreparedUnit, report: ReportEpoch): Promise<ResultRecord>;
  /** ASHA pruning of the run's configurations (`--prune asha`); absent: every one trains to the end. */
  prune?: AshaPruner;
  workers: number;
  /** The grid's worker module (`dist/grid-worker.js`) for `workers` > 1; without it, in process. */
  workerModule?: string | URL;
  /** tfjs backend of the worker processes. */
  backend: string;
  shard?: Shard;
  /** Tries per configuration before it is recorded as failed (default 3), on every executor. */
  attempts?: number;
  /**
   * Through a Redis queue instead of the local pool: URL, tries per task, where workers find the
   * data, and how long to wait for Redis at the start (default 30 s).
   */
  queue?: { url: string; attempts: number; source: string | null; connectTimeoutMs?: number };
  /** Progress label (`uci`, `htru2`, `tox21`); `false` for no progress output. */
  progress: string | false;
  /** Notes about resuming (stderr in the CLI). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** What {@link runGrid} did. */
export type RunGridSummary = SweepSummary<ResultRecord>;

/**
 * Trains the tasks of a grid that the run's result store does not hold yet (only this shard's
 * share with `shard`), appending each record as it finishes, on a pool of `workers` processes,
 * with a progress line and notes on resuming. Rerunning the same command after a kill resumes:
 * finished configurations are read back, not trained again.
 *
 * @example
 * const summary = await runGrid({ outDir, header, tasks, loadUnit, trainInProcess, workers: 2, progress: 'uci' });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runGrid(options: RunGridOptions): Promise<RunGridSummary> {
  const label = options.progress === false ? options.header.benchmark : options.progress;
  let progress: Progress | null = null;
  const summary = await runSweep({
    outDir: options.outDir,
    header: options.header,
    recordFields: RESULT_RECORD_FIELDS,
    tasks: options.tasks,
    loadUnit: options.loadUnit,
    train: options.trainInProcess,
    ...(options.prune === undefined ? {} : { prune: options.prune }),
    executor: await gridExecutor(options),
    attempts: options.queue?.attempts ?? options.attempts,
    shard: options.shard,
    signal: options.signal,
    log: options.log,
    onFailure: (task, failure) => {
      options.log?.(
        `${label}: ${task.key} failed after ${failure.attempts} attempt(s): ${withSweepFlags(failure.error)}`,
      );
      progress?.tick(1, `${task.dataset}/${task.part} ${task.config.arch} failed`);
    },
    onStart: ({ total, resumed, repairedBytes, storePath }) => {
      if (repairedBytes > 0) {
        options.log?.(
          `${label}: dropped a record cut short by the interruption (${repairedBytes} bytes); it is trained again`,
        );
      }
      if (resumed > 0) {
        options.log?.(
          `${label}: resuming — ${resumed} of ${total} configurations are already in ${storePath}`,
        );
      }
      if (options.progress !== false) {
        progress = createProgress({ total, label: options.progress, initial: resumed });
      }
    },
    onRecord: (task, record) => {
      const last = record.validation.filter((v) => v !== null).at(-1);
      progress?.tick(
        1,
        `${task.dataset}/${task.part} ${task.config.arch}${record.diverged ? ' diverged' : ''}${record.pruned === undefined ? '' : ` pruned@${record.pruned}`} val ${last?.toFixed(3) ?? '—'}`,
      );
    },
  });
  (progress as Progress | null)?.done();
  return summary;
}

/**
 * Where a grid trains: through the Redis queue with `queue` (the queue's code is loaded only
 * then), on a local pool of `workers` processes that load `workerModule`, else in this process.
 */
async function gridExecutor(options: RunGridOptions): Promise<Executor> {
  if (options.queue !== undefined) {
    const { redisQueue } = await import('@snn/sweep/redis');
    const { url, source, connectTimeoutMs } = options.queue;
    return redisQueue({
      url,
      version: tabularCodeVersion(),
      source,
      ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
    });
  }
  if (options.workers > 1 && options.workerModule !== undefined) {
    return localPool({
      workers: options.workers,
      worker: options.workerModule,
      env: { [WORKER_BACKEND_ENV]: options.backend },
    });
  }
  return inProcess();
}
