import { SnnError } from '../../../../internal/snn-error';
import { type AshaPruner, checkPruner } from '../prune/asha';
import type { StoreHeader } from '../store/result-store';

/** Version of the job format; a worker refuses any other. */
export const QUEUE_JOB_FORMAT = 1;

/** Field that carries the parse error of a job whose data in Redis is not JSON. */
export const UNREADABLE_JOB_DATA = '__snnUnreadableJobData';

/**
 * What one queued task carries: data only, never code or commands. A worker checks all of it
 * before it trains (see {@link readQueueJob}).
 */
export interface QueueJob<T = unknown> {
  format: typeof QUEUE_JOB_FORMAT;
  /** The run id ({@link queueRunId} of `header` and `version`). */
  run: string;
  /** Version of the code that made the run; workers of another version refuse the task. */
  version: string;
  header: StoreHeader;
  /** Where workers get the data (an archive path or URL, or null for their default cache). */
  source: string | null;
  task: T;
  /** {@link dataFingerprint} of the task's data as the coordinator prepared it, or null. */
  data: string | null;
  /** The run's pruner: the worker decides the task's rungs in Redis (absent or null: none). */
  prune?: AshaPruner | null;
}

/**
 * Checks the shape of a job's data as it came out of Redis and returns it typed; a malformed job
 * throws, naming the field.
 */
export function readQueueJob(value: unknown): QueueJob<{ key: string }> {
  const fail = (what: string): never => {
    throw new SnnError(`queue job: ${what}; this job was not written by a sweep coordinator`);
  };
  if (value === null || typeof value !== 'object') return fail('not an object');
  const v = value as Record<string, unknown>;
  if (UNREADABLE_JOB_DATA in v) fail(`its data is not JSON (${String(v[UNREADABLE_JOB_DATA])})`);
  if (v.format !== QUEUE_JOB_FORMAT) {
    fail(`format must be ${QUEUE_JOB_FORMAT}, got ${JSON.stringify(v.format)}`);
  }
  for (const field of ['run', 'version'] as const) {
    if (typeof v[field] !== 'string' || (v[field] as string).length > 200) {
      fail(`${field} must be a short string`);
    }
  }
  const header = v.header as Record<string, unknown> | null;
  if (
    header === null ||
    typeof header !== 'object' ||
    header.type !== 'run' ||
    typeof header.benchmark !== 'string' ||
    header.fingerprint === null ||
    typeof header.fingerprint !== 'object'
  ) {
    fail('header must be a run header {type: "run", benchmark, fingerprint}');
  }
  if (v.source !== null && typeof v.source !== 'string') fail('source must be a string or null');
  if (v.data !== null && typeof v.data !== 'string') fail('data must be a fingerprint or null');
  if (v.prune !== undefined && v.prune !== null) {
    try {
      checkPruner(v.prune, 'prune');
    } catch (error) {
      fail((error as Error).message);
    }
  }
  const task = v.task as Record<string, unknown> | null;
  if (task === null || typeof task !== 'object' || typeof task.key !== 'string') {
    fail('task must be an object with a string key');
  }
  return v as unknown as QueueJob<{ key: string }>;
}
