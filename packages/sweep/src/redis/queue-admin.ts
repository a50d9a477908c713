import type { JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { SnnError } from '../../../../internal/snn-error';
import { deleteRedisRungs } from '../prune/redis-rungs';
import { type QueueErrorLog, queueErrorLog } from './queue-error-log';
import {
  QUEUE_NAME,
  QUEUE_PREFIX,
  RUNS_KEY,
  type RunEntry,
  WORKERS_KEY,
  type WorkerEntry,
} from './queue-keys';
import { connectQueue } from './queue-url';
import { loadPeer } from './redis-peers';
import { QUEUE_CONNECT_TIMEOUT_MS, waitForQueue } from './wait-for-queue';

/** Options every one-shot queue command shares. */
export interface QueueAdminOptions {
  /** Give up when Redis does not answer within this many ms (default 30 000). */
  connectTimeoutMs?: number;
  /** Connection errors after the first answer (redacted; default: not printed). */
  log?: (line: string) => void;
}

/** A run on the queue as `queue status` shows it. */
export interface RunStatus extends RunEntry {
  waiting: number;
  active: number;
  /** Failed attempts waiting for their retry. */
  retrying: number;
  /** Finished tasks not yet collected by a coordinator (none is running, or it is behind). */
  uncollected: number;
  /** Seconds until every task is stored at the rate so far; null before the first result. */
  etaSeconds: number | null;
}

/** What {@link queueStatus} reports. */
export interface QueueStatus {
  runs: RunStatus[];
  /** Workers seen in the last minute. */
  workers: WorkerEntry[];
}

const STATES: JobType[] = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'];

/**
 * The runs on the queue at `url` — per run: waiting, active, stored (done), failed, retrying,
 * the tasks' ETA — and the workers seen in the last minute.
 *
 * @example
 * const { runs, workers } = await queueStatus('redis://127.0.0.1:6379');
 * @see https://arxiv.org/abs/1706.02515
 */
export async function queueStatus(
  url: string,
  options: QueueAdminOptions & { now?: number } = {},
): Promise<QueueStatus> {
  const now = options.now ?? Date.now();
  return withQueue(url, options, 'queue status', async (connection, queue) => {
    const entries = Object.values(await connection.hgetall(RUNS_KEY)).map(
      (text) => JSON.parse(text) as RunEntry,
    );
    const idsByState = new Map<JobType, string[]>();
    for (const state of STATES) idsByState.set(state, await queue.getRanges([state], 0, -1));
    const count = (run: string, ...states: JobType[]) =>
      states.reduce(
        (sum, s) => sum + idsByState.get(s)!.filter((id) => id.startsWith(`${run}|`)).length,
        0,
      );
    const runs = entries.map((entry): RunStatus => {
      const elapsed = (Date.parse(entry.updated) - Date.parse(entry.started)) / 1000;
      const left = entry.total - entry.stored - entry.failed;
      const rate =
        entry.stored + entry.failed > 0 && elapsed > 0
          ? (entry.stored + entry.failed) / elapsed
          : 0;
      return {
        ...entry,
        waiting: count(entry.run, 'waiting', 'prioritized'),
        active: count(entry.run, 'active'),
        retrying: count(entry.run, 'delayed'),
        uncollected: count(entry.run, 'completed', 'failed'),
        etaSeconds: left === 0 ? 0 : rate > 0 ? left / rate : null,
      };
    });
    const workers = Object.values(await connection.hgetall(WORKERS_KEY))
      .map((text) => JSON.parse(text) as WorkerEntry)
      .filter((w) => now - Date.parse(w.seen) < 60_000);
    return { runs, workers };
  });
}

/**
 * Removes a run's keys from the queue at `url` — its jobs in every state and its entry — or,
 * without `run`, those of every finished run (all tasks stored or failed), and forgets workers
 * not seen for an hour. A named run that is not finished is refused unless
 * `force` is set. Returns the run ids removed.
 *
 * @example
 * await cleanQueue('redis://127.0.0.1:6379', { run: '3f2a…' }); // ['3f2a…']
 * @see https://arxiv.org/abs/1706.02515
 */
export async function cleanQueue(
  url: string,
  options: QueueAdminOptions & { run?: string; force?: boolean } = {},
): Promise<string[]> {
  return withQueue(url, options, 'queue clean', async (connection, queue) => {
    const entries = new Map(
      Object.entries(await connection.hgetall(RUNS_KEY)).map(([id, text]) => [
        id,
        JSON.parse(text) as RunEntry,
      ]),
    );
    const finished = (e: RunEntry) => e.stored + e.failed >= e.total;
    let runs: string[];
    if (options.run !== undefined) {
      const entry = entries.get(options.run);
      if (entry === undefined) {
        const known = [...entries.keys()].join(', ') || 'none';
        throw new SnnError(
          `queue clean: no run ${options.run} on this queue (runs: ${known}); list them with \`queueStatus\``,
        );
      }
      if (!finished(entry) && options.force !== true) {
        throw new SnnError(
          `queue clean: run ${options.run} is not finished (${entry.stored + entry.failed} of ${entry.total} tasks); let its coordinator finish, or pass \`force\` to drop its tasks`,
        );
      }
      runs = [options.run];
    } else {
      runs = [...entries.values()].filter(finished).map((e) => e.run);
    }
    for (const run of runs) {
      const ids = (await queue.getRanges(STATES, 0, -1)).filter((id) => id.startsWith(`${run}|`));
      for (const id of ids) await queue.remove(id).catch(() => 0);
      await connection.hdel(RUNS_KEY, run);
      await deleteRedisRungs(connection, run);
    }
    const workers = await connection.hgetall(WORKERS_KEY);
    for (const [id, text] of Object.entries(workers)) {
      if (Date.now() - Date.parse((JSON.parse(text) as WorkerEntry).seen) > 3_600_000) {
        await connection.hdel(WORKERS_KEY, id);
      }
    }
    return runs;
  });
}

/**
 * Runs `use` on a connection and a Queue that answered within the timeout; both are closed after,
 * and both report errors only through one redacting listener.
 */
async function withQueue<T>(
  url: string,
  options: QueueAdminOptions,
  label: string,
  use: (connection: Redis, queue: Queue) => Promise<T>,
): Promise<T> {
  const errors: QueueErrorLog = queueErrorLog(options.log, label);
  const connection = connectQueue(url, errors);
  try {
    await waitForQueue(connection, url, options.connectTimeoutMs ?? QUEUE_CONNECT_TIMEOUT_MS);
  } catch (error) {
    connection.disconnect();
    throw error;
  }
  const { Queue: BullQueue } = loadPeer('bullmq');
  const queue = new BullQueue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  queue.on('error', errors.error);
  try {
    return await use(connection, queue);
  } finally {
    await queue.close().catch(() => {});
    connection.disconnect();
  }
}
