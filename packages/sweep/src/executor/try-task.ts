import type { FailedRecord } from '../store/result-store';
import { abortError } from './abort-error';
import { type RetryPolicy, retryDelay } from './retry-policy';

/** How a task ended: its record, or its failure after the last try. */
export type TaskOutcome<R> = { record: R } | { failure: FailedRecord };

/**
 * Runs `attempt` for the task keyed `key` under `policy`: the first try that returns gives the
 * record; a try that throws is followed, after {@link retryDelay}, by the next, and the last
 * one's error becomes a {@link FailedRecord}. An abort of `signal` stops at once (rejects). The
 * retry loop of the in-process and local-pool executors; the queue gives the same policy to
 * BullMQ.
 *
 * @example
 * const outcome = await tryTask(task.key, retryPolicy(), () => train(task, data));
 * if ('failure' in outcome) store.appendFailure(outcome.failure);
 * @see https://arxiv.org/abs/1706.02515
 */
export async function tryTask<R>(
  key: string,
  policy: RetryPolicy,
  attempt: (tryNumber: number) => Promise<R>,
  options: {
    signal?: AbortSignal;
    log?: (line: string) => void;
    /** Errors that end the run instead of counting as a failed try (a worker that cannot start). */
    fatal?: (error: unknown) => boolean;
  } = {},
): Promise<TaskOutcome<R>> {
  let last = 'failed without a message';
  for (let k = 1; k <= policy.attempts; k++) {
    if (options.signal?.aborted) throw abortError(options.signal);
    try {
      return { record: await attempt(k) };
    } catch (error) {
      if (options.signal?.aborted) throw abortError(options.signal);
      if (options.fatal?.(error)) throw error;
      last = error instanceof Error ? error.message || error.name : String(error);
    }
    if (k < policy.attempts) {
      const wait = retryDelay(policy, k);
      options.log?.(
        `${key}: try ${k} of ${policy.attempts} failed (${last}); retrying in ${wait} ms`,
      );
      await sleep(wait, options.signal);
    }
  }
  return { failure: { type: 'failed', key, error: last, attempts: policy.attempts } };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    function done(): void {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(abortError(signal!));
    }
  });
}
