import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { SnnError } from '../../../../internal/snn-error';
import { abortError } from '../executor/abort-error';
import type { Executor, ExecutorRun } from '../executor/executor';
import type { SweepTask } from '../executor/sweep-task';
import type { FailedRecord, StoreRecord } from '../store/result-store';
import { dataFingerprint } from './data-fingerprint';
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
import { connectQueue, parseQueueUrl } from './queue-url';
import { loadPeer } from './redis-peers';
import { QUEUE_CONNECT_TIMEOUT_MS, waitForQueue } from './wait-for-queue';

/** Options of {@link redisQueue}: which queue, which code, where workers find the data. */
export interface RedisQueueOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Version of the code; workers of another version refuse the run's tasks. */
  version: string;
  /** Where workers get the data (an archive path or URL), or null for their default cache. */
  source?: string | null;
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

/**
 * The executor that trains on a Redis queue (BullMQ) served by `serveQueue` workers on any number
 * of machines. The sweep's process is the coordinator: it puts the tasks on the queue (job id =
 * run id + task key, so a rerun adds nothing twice), hands BullMQ the run's retry policy
 * (`attempts`, exponential back-off from `retryDelayMs`), and collects each finished task exactly
 * once — a record or, after the last try, a failure — then removes its job. It listens for the
 * queue's events and checks every pending task's state every `scanMs`, so results finished while
 * no coordinator ran, or whose events were lost to a Redis restart, are still collected; a job
 * lost from Redis is added again. bullmq and ioredis are loaded when the run starts.
 *
 * @example
 * import { redisQueue } from '@snn/sweep/redis';
 * await runSweep({ outDir, header, tasks, loadUnit, train, executor: redisQueue({ url, version: '1.0.0' }) });
 * @see https://arxiv.org/abs/1706.02515
 */
export function redisQueue(options: RedisQueueOptions): Executor {
  parseQueueUrl(options.url, 'redisQueue: `url`');
  if (typeof options.version !== 'string' || options.version === '') {
    throw new SnnError(
      `redisQueue: \`version\` must be a non-empty string (workers of another version refuse the run), got ${JSON.stringify(options.version)}`,
    );
  }
  return {
    kind: 'redis-queue',
    run: (run) => runQueue(run, options),
  };
}

/** The coordinator of {@link redisQueue}: one run's tasks through the queue. */
async function runQueue<T extends SweepTask, D, R extends StoreRecord>(
  hooks: ExecutorRun<T, D, R>,
  options: RedisQueueOptions,
): Promise<void> {
  const { tasks, header, outDir } = hooks;
  if (tasks.length === 0) return;
  const { Queue, QueueEvents } = loadPeer('bullmq');
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
        options.checkData === false ? null : dataFingerprint(await hooks.loadUnit(task.unit)),
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
      ...(hooks.prune === undefined ? {} : { prune: hooks.prune }),
    };
    return {
      name: header.benchmark,
      data,
      opts: {
        jobId: queueJobId(run, task.key),
        attempts: hooks.retry.attempts,
        backoff: { type: 'exponential', delay: hooks.retry.retryDelayMs },
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
    // runSweep checks the record (its key) as it checks every executor's.
    if (state === 'completed') return { kind: 'result', id, record: job.returnvalue as R, job };
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
