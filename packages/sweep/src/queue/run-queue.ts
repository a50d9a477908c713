import { hostname } from 'node:os';
import { type Job, Queue, QueueEvents } from 'bullmq';
import type { SweepTask } from '../run/run-sweep';
import type { FailedRecord, StoreHeader, StoreRecord } from '../store/result-store';
import { queueErrorLog } from './queue-error-log';
import { QUEUE_JOB_FORMAT, type QueueJob } from './queue-job';
import {
  QUEUE_NAME,
  QUEUE_PREFIX,
  RUNS_KEY,
  type RunEntry,
  queueJobId,
  queueRunId,
} from './queue-keys';
import { connectQueue } from './queue-url';
import { QUEUE_CONNECT_TIMEOUT_MS, waitForQueue } from './wait-for-queue';

/** How a sweep runs through a queue instead of the local pool (the `queue` option of `runSweep`). */
export interface QueueRunOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Version of the code; workers of another version refuse the run's tasks. */
  version: string;
  /** Where workers get the data (an archive path or URL), or null for their default cache. */
  source?: string | null;
  /** Tries per task before it is recorded as failed (default 3). */
  attempts?: number;
  /** Delay before the first retry, doubled for each further one (default 1000 ms). */
  retryDelayMs?: number;
  /** Fingerprint every unit's data here, so workers refuse to train on different data (default true). */
  checkData?: boolean;
  /** How often every pending task's state is checked, besides the events (default 10 000 ms). */
  scanMs?: number;
  /**
   * Give up when Redis does not answer (or refuses the login) at the start within this many ms
   * (default 30 000); once it has answered, a run waits through Redis restarts.
   */
  connectTimeoutMs?: number;
}

/** Callbacks of {@link runQueue}. */
export interface QueueRunHooks<T, R> {
  /** Computes the fingerprint of a unit's data (see `dataFingerprint`). */
  fingerprint(unit: string): Promise<string>;
  /** Called once per task with its result (the store write goes here). */
  onResult(task: T, record: R): void | Promise<void>;
  /** Called once per task whose attempts are exhausted, with its last error. */
  onFailed(task: T, failure: FailedRecord): void | Promise<void>;
  /** Progress and recovery messages (passwords already redacted). */
  log?(line: string): void;
  signal?: AbortSignal;
}

/**
 * The coordinator of a queued sweep: puts `tasks` on the queue (job id = run id + task key, so a
 * rerun adds nothing twice), then collects each finished task exactly once — a record or, after
 * the last attempt, a failure — hands it to the hooks and removes its job. It listens for the
 * queue's events and checks every pending task's state every `scanMs`, so results finished while
 * no coordinator ran, or whose events were lost to a Redis restart, are still collected; a job
 * lost from Redis is added again.
 *
 * @example
 * await runQueue(tasks, header, 'results/uci', { url, version: '1.0.0' }, { fingerprint, onResult, onFailed });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runQueue<T extends SweepTask, R extends StoreRecord>(
  tasks: readonly T[],
  header: StoreHeader,
  outDir: string,
  options: QueueRunOptions,
  hooks: QueueRunHooks<T, R>,
): Promise<void> {
  if (tasks.length === 0) return;
  const run = queueRunId(header, options.version);
  const errors = queueErrorLog(hooks.log, 'queue');
  const connection = connectQueue(options.url, errors);
  try {
    await waitForQueue(
      connection,
      options.url,
      options.connectTimeoutMs ?? QUEUE_CONNECT_TIMEOUT_MS,
    );
  } catch (error) {
    connection.disconnect();
    throw error;
  }
  const queue = new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(QUEUE_NAME, {
    connection: connectQueue(options.url, errors),
    prefix: QUEUE_PREFIX,
  });
  const pending = new Map<string, T>(tasks.map((t) => [queueJobId(run, t.key), t]));
  const dirty = new Set<string>(pending.keys());
  let wake: (() => void) | null = null;
  const touch = (id: string): void => {
    if (!pending.has(id)) return;
    dirty.add(id);
    wake?.();
  };
  events.on('error', errors.error);
  queue.on('error', errors.error);
  events.on('completed', ({ jobId }) => touch(jobId));
  events.on('failed', ({ jobId }) => touch(jobId));
  const onAbort = (): void => wake?.();
  hooks.signal?.addEventListener('abort', onAbort);

  const fingerprints = new Map<string, string | null>();
  const jobFor = async (task: T) => {
    if (!fingerprints.has(task.unit)) {
      fingerprints.set(
        task.unit,
        options.checkData === false ? null : await hooks.fingerprint(task.unit),
      );
    }
    const data: QueueJob<T> = {
      format: QUEUE_JOB_FORMAT,
      run,
      version: options.version,
      header,
      source: options.source ?? null,
      task,
      data: fingerprints.get(task.unit)!,
    };
    return {
      name: header.benchmark,
      data,
      opts: {
        jobId: queueJobId(run, task.key),
        attempts: options.attempts ?? 3,
        backoff: { type: 'exponential', delay: options.retryDelayMs ?? 1000 },
        removeOnComplete: false,
        removeOnFail: false,
      },
    };
  };
  const started = new Date().toISOString();
  let stored = 0;
  let failed = 0;
  const register = async (): Promise<void> => {
    const entry: RunEntry = {
      run,
      benchmark: header.benchmark,
      version: options.version,
      outDir,
      coordinator: `${hostname()}:${process.pid}`,
      total: tasks.length,
      stored,
      failed,
      started,
      updated: new Date().toISOString(),
    };
    await connection.hset(RUNS_KEY, run, JSON.stringify(entry));
  };

  try {
    await register();
    await events.waitUntilReady();
    // Units in order, so each unit's data is fingerprinted once and then released.
    for (let i = 0; i < tasks.length; i += 500) {
      const chunk = await Promise.all(tasks.slice(i, i + 500).map(jobFor));
      await queue.addBulk(chunk);
    }
    fingerprints.clear();
    let lastScan = Date.now();
    let lastRegister = Date.now();
    while (pending.size > 0) {
      if (hooks.signal?.aborted) throw abortError(hooks.signal);
      // An id touched again while it was being collected is no longer pending: skip it.
      const ids = [...dirty].filter((id) => pending.has(id));
      dirty.clear();
      for (let i = 0; i < ids.length; i += 200) {
        const settled = await Promise.all(ids.slice(i, i + 200).map((id) => settle(id)));
        for (const outcome of settled) {
          if (outcome === null) continue;
          const task = pending.get(outcome.id)!;
          if (outcome.kind === 'result') {
            await hooks.onResult(task, outcome.record);
            stored++;
          } else if (outcome.kind === 'failed') {
            await hooks.onFailed(task, outcome.failure);
            failed++;
          } else {
            // Lost from Redis (restarted without persistence, or cleaned): queue it again.
            hooks.log?.(`${task.key} was lost from the queue; queued again`);
            fingerprints.clear();
            await queue.add(...toAddArgs(await jobFor(task)));
            continue;
          }
          pending.delete(outcome.id);
          await outcome.job?.remove().catch(() => {});
        }
      }
      if (Date.now() - lastRegister > 2000) {
        await register();
        lastRegister = Date.now();
      }
      if (pending.size === 0) break;
      if (Date.now() - lastScan > (options.scanMs ?? 10_000)) {
        for (const id of pending.keys()) dirty.add(id);
        lastScan = Date.now();
        continue;
      }
      if (dirty.size === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
    await register();
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    await events.close().catch(() => {});
    await queue.close().catch(() => {});
    connection.disconnect();
  }

  type Outcome =
    | { kind: 'result'; id: string; record: R; job: Job }
    | { kind: 'failed'; id: string; failure: FailedRecord; job: Job | null }
    | { kind: 'missing'; id: string; job: null };

  async function settle(id: string): Promise<Outcome | null> {
    const state = await queue.getJobState(id);
    if (state === 'unknown') return { kind: 'missing', id, job: null };
    if (state !== 'completed' && state !== 'failed') return null;
    const task = pending.get(id)!;
    let job: Job | undefined;
    try {
      job = await queue.getJob(id);
    } catch (error) {
      // A job rewritten in Redis (its data no longer JSON): record it, never crash the run on it.
      const failure: FailedRecord = {
        type: 'failed',
        key: task.key,
        error: `job ${id} cannot be read back from Redis (${(error as Error).message}); it was changed by someone else`,
        attempts: 0,
      };
      await queue.remove(id).catch(() => 0);
      return { kind: 'failed', id, failure, job: null };
    }
    if (job === undefined) return { kind: 'missing', id, job: null };
    if (state === 'completed') {
      const record = job.returnvalue as R | null;
      if (record !== null && typeof record === 'object' && record.key === task.key) {
        return { kind: 'result', id, record, job };
      }
      const failure: FailedRecord = {
        type: 'failed',
        key: task.key,
        error: `the worker returned no record for ${task.key}`,
        attempts: job.attemptsMade,
      };
      return { kind: 'failed', id, failure, job };
    }
    const failure: FailedRecord = {
      type: 'failed',
      key: task.key,
      error: job.failedReason ?? 'failed without a message',
      attempts: job.attemptsMade,
    };
    return { kind: 'failed', id, failure, job };
  }
}

function toAddArgs(job: { name: string; data: unknown; opts: object }) {
  return [job.name, job.data, job.opts] as const;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('run aborted');
}
