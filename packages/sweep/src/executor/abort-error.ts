import { SnnError } from '../../../../internal/snn-error';

/**
 * The error a sweep stops with when its `signal` aborts: the signal's reason when it is an
 * `Error`, else `run aborted`.
 *
 * @example
 * if (signal?.aborted) throw abortError(signal);
 */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new SnnError('run aborted');
}
