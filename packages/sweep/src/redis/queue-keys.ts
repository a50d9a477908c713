import { createHash } from 'node:crypto';
import { type StoreHeader, runIdentity } from '../store/result-store';

/** The one BullMQ queue every sweep's tasks go through (runs are told apart by job id). */
export const QUEUE_NAME = 'sweep';

/** Key prefix of everything a sweep keeps in Redis. */
export const QUEUE_PREFIX = 'snn';

/** Hash of the runs on a queue: run id → {@link RunEntry} as JSON. */
export const RUNS_KEY = `${QUEUE_PREFIX}:${QUEUE_NAME}:runs`;

/** Hash of the workers seen: `host:pid` → {@link WorkerEntry} as JSON. */
export const WORKERS_KEY = `${QUEUE_PREFIX}:${QUEUE_NAME}:workers`;

/** What a coordinator writes about its run, for `queue status` and `queue clean`. */
export interface RunEntry {
  run: string;
  benchmark: string;
  version: string;
  /** Output folder and coordinator (`host:pid`) of the run. */
  outDir: string;
  coordinator: string;
  total: number;
  stored: number;
  failed: number;
  started: string;
  updated: string;
}

/** What a worker writes about itself every few seconds. */
export interface WorkerEntry {
  host: string;
  pid: number;
  concurrency: number;
  version: string;
  seen: string;
}

/**
 * The id of a run on the queue: the first 16 hex digits of SHA-256 over the store header's
 * benchmark and fingerprint and the code version, so every coordinator of one command (a rerun,
 * a resume) finds the same jobs, and a different command or code never shares them.
 *
 * @example
 * queueRunId({ type: 'run', benchmark: 'uci', fingerprint: { seed: 1 } }, '1.0.0'); // '3f…' (16 hex digits)
 * @see https://arxiv.org/abs/1706.02515
 */
export function queueRunId(header: StoreHeader, version: string): string {
  const identity = JSON.stringify({ ...runIdentity(header), version });
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** The job id of a task of a run: `<run id>|<task key>` (BullMQ ids may not contain `:`). */
export function queueJobId(run: string, key: string): string {
  return `${run}|${key.replaceAll(':', '%3A')}`;
}
