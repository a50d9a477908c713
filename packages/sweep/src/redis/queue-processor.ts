import { LimitError } from '../../../../internal/limits';
import { SnnError } from '../../../../internal/snn-error';
import { recordKeyError } from '../executor/check-record';
import type { SweepTask } from '../executor/sweep-task';
import type { SweepWorker } from '../executor/sweep-worker';
import { redisRungReport } from '../prune/redis-rungs';
import { NEVER_PRUNE, type ReportEpoch } from '../prune/report-epoch';
import type { StoreRecord } from '../store/result-store';
import { dataFingerprint } from './data-fingerprint';
import { checkDataSource, dataLocationsFromEnv } from './data-locations';
import { queueErrorLog } from './queue-error-log';
import { type QueueJob, readQueueJob } from './queue-job';
import { queueRunId } from './queue-keys';
import { connectQueue } from './queue-url';
import { loadPeer } from './redis-peers';
import { WORKER_QUEUE_URL_ENV } from './worker-module-env';

/**
 * A {@link SweepWorker} that can serve a queue: besides `train`, its code `version`, how it
 * checks a task from Redis (`acceptTask`) and how it loads a unit's data (`loadUnit`).
 */
export type QueueHandler<T extends SweepTask, D, R extends StoreRecord> = SweepWorker<T, D, R> &
  Required<Pick<SweepWorker<T, D, R>, 'version' | 'acceptTask' | 'loadUnit'>>;

/** Options of {@link queueProcessor}. */
export interface QueueProcessorOptions {
  /**
   * Files and folders from which a job's `source` may be read (`serveQueue`'s `dataLocations`); a job naming
   * any other path is refused; with none, only jobs with a null source (the worker's own data
   * cache) are trained. Default: the locations `serveQueue` passed in `SNN_WORKER_DATA`.
   */
  dataLocations?: readonly string[];
  /**
   * The queue's URL, for the rungs of pruned runs (decided in Redis). Default: the URL
   * `serveQueue` passed in `SNN_SWEEP_WORKER_QUEUE_URL`.
   */
  url?: string;
}

/** The job a processor receives from BullMQ (sandboxed or not): only its data is used. */
export interface ProcessorJob {
  id?: string;
  data: unknown;
}

/**
 * The processor of a sandboxed queue worker: export its result as the default export of a
 * module and pass that module's path to {@link serveQueue}. BullMQ runs it in a child process,
 * so CPU-bound training never blocks the worker's lock renewal. For every job it checks the
 * payload (data that is not JSON included), the code version, the run id, the data source
 * against `options.dataLocations` and the task ({@link QueueHandler.acceptTask}, where sizes are
 * checked against the limits), loads the unit (kept for the next tasks), checks the data
 * fingerprint and trains. A refusal fails the job at once with BullMQ's `UnrecoverableError` —
 * never retried — with the job's id and a message that says why.
 *
 * @example
 * // processor.mjs
 * export default queueProcessor({ version: '1.0.0', acceptTask: (h, t) => t, loadUnit, train });
 * @see https://arxiv.org/abs/1706.02515
 */
export function queueProcessor<T extends SweepTask, D, R extends StoreRecord>(
  handler: QueueHandler<T, D, R>,
  options: QueueProcessorOptions = {},
): (job: ProcessorJob) => Promise<R> {
  checkQueueHandler(handler);
  // A sandboxed child whose worker is gone (killed, or stopped mid-task) must not train on as an
  // orphan: the task goes back to the queue when its lock expires.
  if (typeof process.send === 'function') process.once('disconnect', () => process.exit(0));
  const { UnrecoverableError } = loadPeer('bullmq');
  const locations = options.dataLocations ?? dataLocationsFromEnv();
  const units = new Map<string, { data: D; fingerprint: string | null }>();
  const keep = handler.unitsKept ?? 2;
  const where = `worker pid ${process.pid}`;
  // One connection for the rungs of pruned runs, opened by the first such job.
  let rungRedis: ReturnType<typeof connectQueue> | null = null;
  const reportFor = (run: string, task: T, prune: QueueJob['prune']): ReportEpoch => {
    if (prune === undefined || prune === null) return NEVER_PRUNE;
    const url = options.url ?? process.env[WORKER_QUEUE_URL_ENV];
    if (url === undefined || url === '') {
      throw new SnnError(
        `${where} cannot prune ${task.key}: it has no queue URL for the run's rungs; serve the queue with serveQueue, or pass queueProcessor(handler, { url })`,
      );
    }
    if (rungRedis === null) {
      rungRedis = connectQueue(url, queueErrorLog(undefined, 'rungs'));
    }
    return redisRungReport(rungRedis, prune, {
      run,
      bracket: task.bracket ?? task.unit,
      trial: task.key,
    });
  };
  return async (job) => {
    let payload: ReturnType<typeof readQueueJob>;
    try {
      payload = readQueueJob(job.data);
    } catch (error) {
      throw new UnrecoverableError(`${where} refused job ${job.id}: ${(error as Error).message}`);
    }
    if (payload.version !== handler.version) {
      throw new UnrecoverableError(
        `${where} refused ${payload.task.key}: it runs code version ${handler.version}, the run was made by ${payload.version}; start workers from the same version as the coordinator`,
      );
    }
    if (queueRunId(payload.header, payload.version) !== payload.run) {
      throw new UnrecoverableError(
        `${where} refused ${payload.task.key}: its run id ${payload.run} does not match its run header (another run's header, or a job edited in Redis); rerun the coordinator`,
      );
    }
    let source: string | null;
    try {
      source = checkDataSource(payload.source, locations);
    } catch (error) {
      throw new UnrecoverableError(`${where} refused job ${job.id}: ${(error as Error).message}`);
    }
    let task: T;
    try {
      task = await handler.acceptTask(payload.header, payload.task);
    } catch (error) {
      throw new UnrecoverableError(`${where} refused job ${job.id}: ${(error as Error).message}`);
    }
    const cacheKey = `${payload.run}/${task.unit}`;
    let unit = units.get(cacheKey);
    if (unit === undefined) {
      let data: D;
      try {
        data = await handler.loadUnit(payload.header, task.unit, source);
      } catch (error) {
        // Data over the size limits is refused again on every try: do not retry it.
        if (error instanceof LimitError) {
          throw new UnrecoverableError(`${where} refused job ${job.id}: ${error.message}`);
        }
        throw error;
      }
      unit = { data, fingerprint: payload.data === null ? null : dataFingerprint(data) };
      units.set(cacheKey, unit);
      while (units.size > keep) units.delete(units.keys().next().value!);
    }
    if (payload.data !== null && unit.fingerprint !== payload.data) {
      throw new UnrecoverableError(
        `${where} refused ${task.key}: its data for ${task.unit} differs from the coordinator's (fingerprint ${unit.fingerprint?.slice(0, 12)} ≠ ${payload.data.slice(0, 12)}); give every machine the same data files or data source`,
      );
    }
    const record = await handler.train(
      task,
      unit.data,
      reportFor(payload.run, task, payload.prune),
    );
    const problem = recordKeyError(task.key, record);
    if (problem !== null) throw new UnrecoverableError(`${where}: ${problem}`);
    return record;
  };
}

/** A worker module that serves a queue must say its version, check tasks and load data. */
function checkQueueHandler(handler: Partial<QueueHandler<SweepTask, unknown, StoreRecord>>): void {
  const missing = (['version', 'acceptTask', 'loadUnit', 'train'] as const).filter((name) =>
    name === 'version' ? typeof handler.version !== 'string' : typeof handler[name] !== 'function',
  );
  if (missing.length > 0) {
    throw new SnnError(
      `queueProcessor: a worker that serves a queue needs ${missing.map((m) => `\`${m}\``).join(', ')} (got ${Object.keys(handler).join(', ') || 'no fields'}); a local pool needs only \`train\`, a queue worker also \`version\`, \`acceptTask(header, task)\` and \`loadUnit(header, unit, source)\``,
    );
  }
}
