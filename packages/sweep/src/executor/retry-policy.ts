import { SnnError } from '../../../../internal/snn-error';

/**
 * What every executor does with a task whose training throws: it tries it `attempts` times in
 * all, waiting `retryDelayMs · 2^(k−1)` before the (k+1)-th try, then records it as failed with
 * its last error (a `failed` line in the store, which a rerun tries again). The queue hands the
 * same numbers to BullMQ (`attempts`, exponential `backoff`), so a task fails alike in process,
 * on a local pool and through Redis.
 */
export interface RetryPolicy {
  /** Tries per task, ≥ 1 (default 3). */
  attempts: number;
  /** Delay before the first retry in ms, ≥ 0, doubled for each further one (default 1000). */
  retryDelayMs: number;
}

/** The policy when a sweep sets none: 3 tries, 1 s then 2 s apart. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { attempts: 3, retryDelayMs: 1000 };

/**
 * The retry policy of a sweep's options, defaults applied and checked; an error names the option,
 * what it accepts and what it got.
 *
 * @example
 * retryPolicy({ attempts: 1 }); // { attempts: 1, retryDelayMs: 1000 }
 * retryPolicy({ attempts: 0 }); // throws: `attempts` must be an integer ≥ 1, got 0
 * @see https://arxiv.org/abs/1706.02515
 */
export function retryPolicy(options: Partial<RetryPolicy> = {}): RetryPolicy {
  const attempts = options.attempts ?? DEFAULT_RETRY_POLICY.attempts;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new SnnError(
      `sweep: \`attempts\` must be an integer ≥ 1 (tries per task), got ${JSON.stringify(attempts)}; pass 1 to record a failing task at once`,
    );
  }
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_POLICY.retryDelayMs;
  if (!Number.isFinite(retryDelayMs) || retryDelayMs < 0) {
    throw new SnnError(
      `sweep: \`retryDelayMs\` must be a number of milliseconds ≥ 0, got ${JSON.stringify(retryDelayMs)}`,
    );
  }
  return { attempts, retryDelayMs };
}

/**
 * Milliseconds to wait after the `failed`-th failed try of a task before the next one:
 * `retryDelayMs · 2^(failed−1)`, BullMQ's exponential back-off.
 *
 * @example
 * retryDelay({ attempts: 3, retryDelayMs: 1000 }, 2); // 2000
 */
export function retryDelay(policy: RetryPolicy, failed: number): number {
  return policy.retryDelayMs * 2 ** (failed - 1);
}
