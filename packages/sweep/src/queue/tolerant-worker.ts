import { Job, type JobJson, Worker } from 'bullmq';
import { UNREADABLE_JOB_DATA } from './queue-job';

/**
 * A job whose data may not be JSON: anyone who can write to the Redis can store such a job, and
 * BullMQ's own `Job.fromJSON` throws on it after the job was taken, which leaves it active until
 * its lock expires, taken again at every stalled check, never failing. This one keeps the parse
 * error as data (`{ [UNREADABLE_JOB_DATA]: message }`) so the processor fails the job at once
 * with its id (see `readQueueJob`).
 */
class TolerantJob extends Job {
  static override fromJSON<T = unknown, R = unknown, N extends string = string>(
    queue: Parameters<typeof Job.fromJSON>[0],
    json: JobJson,
    jobId?: string,
  ): Job<T, R, N> {
    try {
      return Job.fromJSON<T, R, N>(queue, json, jobId);
    } catch (error) {
      const data = JSON.stringify({ [UNREADABLE_JOB_DATA]: (error as Error).message });
      return Job.fromJSON<T, R, N>(queue, { ...json, data }, jobId);
    }
  }
}

/**
 * The BullMQ Worker of `serveQueue`: a job whose data does not parse reaches the processor
 * (which refuses it) instead of breaking the worker's fetch loop.
 *
 * @example
 * new TolerantWorker('sweep', processorPath, { connection, prefix: 'snn' });
 * @see https://arxiv.org/abs/1706.02515
 */
export class TolerantWorker extends Worker {
  protected override get Job(): typeof Job {
    // The subclass only replaces the static parser; its instances are plain Jobs.
    return TolerantJob as unknown as typeof Job;
  }
}
