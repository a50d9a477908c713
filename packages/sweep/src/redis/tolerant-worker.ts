import type { Job, JobJson, Worker } from 'bullmq';
import { UNREADABLE_JOB_DATA } from './queue-job';
import { loadPeer } from './redis-peers';

let tolerant: typeof Worker | null = null;

/**
 * The BullMQ Worker class of `serveQueue`: a job whose data does not parse reaches the processor
 * (which refuses it) instead of breaking the worker's fetch loop. Anyone who can write to the
 * Redis can store such a job, and BullMQ's own `Job.fromJSON` throws on it after the job was
 * taken, which leaves it active until its lock expires, taken again at every stalled check, never
 * failing. This class keeps the parse error as data (`{ [UNREADABLE_JOB_DATA]: message }`) so the
 * processor fails the job at once with its id (see `readQueueJob`). Built on first use, when
 * bullmq is loaded.
 *
 * @example
 * const TolerantWorker = tolerantWorkerClass();
 * new TolerantWorker('sweep', processorPath, { connection, prefix: 'snn' });
 * @see https://arxiv.org/abs/1706.02515
 */
export function tolerantWorkerClass(): typeof Worker {
  if (tolerant !== null) return tolerant;
  const bullmq = loadPeer('bullmq');

  class TolerantJob extends bullmq.Job {
    static override fromJSON<T = unknown, R = unknown, N extends string = string>(
      queue: Parameters<typeof Job.fromJSON>[0],
      json: JobJson,
      jobId?: string,
    ): Job<T, R, N> {
      try {
        return bullmq.Job.fromJSON<T, R, N>(queue, json, jobId);
      } catch (error) {
        const data = JSON.stringify({ [UNREADABLE_JOB_DATA]: (error as Error).message });
        return bullmq.Job.fromJSON<T, R, N>(queue, { ...json, data }, jobId);
      }
    }
  }

  class TolerantWorker extends bullmq.Worker {
    protected override get Job(): typeof Job {
      // The subclass only replaces the static parser; its instances are plain Jobs.
      return TolerantJob as unknown as typeof Job;
    }
  }
  tolerant = TolerantWorker;
  return tolerant;
}
