import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Processor } from 'bullmq';
import { SnnError } from '../../../../internal/snn-error';
import { redactUrls } from '../run/run-provenance';
import { WORKER_DATA_ENV } from './data-locations';
import { queueErrorLog } from './queue-error-log';
import { QUEUE_NAME, QUEUE_PREFIX, WORKERS_KEY, type WorkerEntry } from './queue-keys';
import type { ProcessorJob } from './queue-processor';
import { connectQueue } from './queue-url';
import { tolerantWorkerClass } from './tolerant-worker';
import { WORKER_MODULE_ENV, WORKER_QUEUE_URL_ENV } from './worker-module-env';

/** Options of {@link serveQueue}. */
export interface ServeQueueOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /**
   * The worker module (path or file URL) whose default export is a `SweepWorker` with `version`,
   * `acceptTask`, `loadUnit` and `train` — the same module a `localPool` loads. It runs
   * sandboxed, one child process per concurrent task, so training never starves lock renewal.
   * Give this or `processor`.
   */
  worker?: string | URL;
  /**
   * Or the processor: a module path or file URL whose default export is a {@link queueProcessor}
   * (run sandboxed like `worker`), or the processor function itself (runs in this process).
   */
  processor?: string | URL | ((job: ProcessorJob) => Promise<unknown>);
  /** Tasks trained at once on this machine (default 1); each sandboxed slot is a process. */
  concurrency?: number;
  /** Code version, shown by `queue status`. */
  version: string;
  /** How long a task's lock lasts without renewal, in ms (default 30 000, BullMQ's). */
  lockDuration?: number;
  /** How often stalled tasks (of dead workers) are looked for, in ms (default 30 000). */
  stalledInterval?: number;
  /**
   * Files and folders a job's data `source` may name (see `queueProcessor`'s `dataLocations`);
   * passed to the sandboxed processor as `SNN_WORKER_DATA` (a JSON array).
   */
  dataLocations?: readonly string[];
  /** One line per refused or failed task and a summary of connection errors (stderr in the CLI). */
  log?: (line: string) => void;
  /** Stops taking tasks at once; running ones finish first (while Redis answers). */
  signal?: AbortSignal;
}

/**
 * A queue worker: takes tasks of any run from the queue at `url`, trains each with `processor`
 * and returns its record to the coordinator, until `signal` aborts. Many workers, on many
 * machines, may serve one queue; a worker that dies mid-task loses its lock and another takes
 * the task over. Every few seconds the worker notes itself in Redis for `queue status`.
 *
 * @example
 * const stop = new AbortController();
 * process.on('SIGTERM', () => stop.abort());
 * await serveQueue({ url: 'redis://127.0.0.1:6379', worker: new URL('./worker.mjs', import.meta.url),
 *   concurrency: 4, version: '1.0.0', signal: stop.signal });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function serveQueue(options: ServeQueueOptions): Promise<void> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SnnError(
      `serveQueue: \`concurrency\` must be an integer ≥ 1 (tasks trained at once), got ${JSON.stringify(concurrency)}`,
    );
  }
  const processor = queueProcessorOf(options);
  const log = options.log ?? (() => {});
  const errors = queueErrorLog(log, 'worker');
  const connection = connectQueue(options.url, errors);
  // For the rungs of pruned runs, decided by the (sandboxed) processor in Redis.
  process.env[WORKER_QUEUE_URL_ENV] = options.url;
  if (options.dataLocations !== undefined) {
    process.env[WORKER_DATA_ENV] = JSON.stringify(options.dataLocations);
  }
  const TolerantWorker = tolerantWorkerClass();
  const worker = new TolerantWorker(QUEUE_NAME, processor, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency,
    lockDuration: options.lockDuration ?? 30_000,
    stalledInterval: options.stalledInterval ?? 30_000,
    autorun: false,
  });
  worker.on('failed', (job, error) => {
    log(`worker: ${job?.id ?? 'a task'} failed: ${redactUrls(error.message)}`);
  });
  worker.on('error', errors.error);
  const id = `${hostname()}:${process.pid}`;
  const beat = async (): Promise<void> => {
    const entry: WorkerEntry = {
      host: hostname(),
      pid: process.pid,
      concurrency,
      version: options.version,
      seen: new Date().toISOString(),
    };
    await connection.hset(WORKERS_KEY, id, JSON.stringify(entry)).catch(() => {});
  };
  // Not awaited: without Redis it would wait through every reconnection, deaf to the signal.
  void beat();
  const timer = setInterval(() => void beat(), 5000);
  const stopped = new Promise<void>((resolve) => {
    if (options.signal?.aborted) resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const running = worker.run();
  await Promise.race([stopped, running]);
  clearInterval(timer);
  // Without Redis nothing can be handed back: stop now instead of waiting for a reconnection.
  const reachable = connection.status === 'ready';
  await worker.close(!reachable).catch(() => {});
  // Its loop still waits for a connection that never came; it ends with the process.
  if (reachable) await running.catch(() => {});
  else void running.catch(() => {});
  if (reachable) await connection.hdel(WORKERS_KEY, id).catch(() => {});
  connection.disconnect();
}

/** The processor BullMQ runs: our sandbox entry for a worker module, or the caller's own. */
function queueProcessorOf(options: ServeQueueOptions): string | URL | Processor {
  if ((options.worker === undefined) === (options.processor === undefined)) {
    throw new SnnError(
      'serveQueue: pass `worker` (a module whose default export is a SweepWorker) or `processor` (a queueProcessor module or function), exactly one of them',
    );
  }
  if (options.processor !== undefined) return options.processor as string | URL | Processor;
  const module = options.worker!;
  process.env[WORKER_MODULE_ENV] =
    module instanceof URL || /^file:/.test(module) ? String(module) : pathToFileURL(module).href;
  const sandbox = fileURLToPath(new URL('./queue-sandbox.js', import.meta.url));
  if (!existsSync(sandbox)) {
    throw new SnnError(
      `serveQueue: the sandbox entry ${sandbox} is missing (running @snn/sweep from its sources?); build the package (pnpm build) or pass \`processor\``,
    );
  }
  return sandbox;
}
