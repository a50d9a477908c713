import { redactUrls } from '../run/run-provenance';

/** How a queue's connection errors are reported: see {@link queueErrorLog}. */
export interface QueueErrorLog {
  /** The listener for `'error'` of every ioredis connection, BullMQ Queue, Worker and QueueEvents. */
  error(error: unknown): void;
  /** Call when the connection is ready again: reports how many attempts failed meanwhile. */
  ready(): void;
}

/**
 * The one `'error'` listener of everything a sweep connects to Redis: it prints only the error's
 * message with users and passwords in URLs redacted (never the error object, whose `command`
 * holds an `AUTH user password` — what BullMQ's fallback `console.error` printed when a Queue had
 * no listener), the first failure at once and then one summary line per `everyMs` instead of
 * every reconnection attempt, and a last line when the connection is back.
 *
 * @param log where lines go (stderr in the CLI); without it errors are counted, never printed.
 * @param label prefix of each line, e.g. `worker`.
 * @param everyMs interval of the summary lines while failing (default 60 000 ms).
 * @example
 * const errors = queueErrorLog((line) => process.stderr.write(`${line}\n`), 'worker');
 * redis.on('error', errors.error); redis.on('ready', errors.ready);
 * @see https://arxiv.org/abs/1706.02515
 */
export function queueErrorLog(
  log: ((line: string) => void) | undefined,
  label: string,
  everyMs = 60_000,
): QueueErrorLog {
  let failures = 0;
  let since = 0;
  let last = '';
  let lastLogged = 0;
  return {
    error(error: unknown) {
      const message = redactUrls(
        error instanceof Error ? error.message || error.name : String(error),
      );
      const now = Date.now();
      if (failures === 0) {
        since = now;
        lastLogged = now;
        log?.(`${label}: ${message} (retrying with back-off; a summary follows while it lasts)`);
      } else if (now - lastLogged >= everyMs) {
        lastLogged = now;
        log?.(
          `${label}: still failing after ${failures + 1} attempts over ${Math.round((now - since) / 1000)} s (last: ${message}); retrying`,
        );
      }
      failures++;
      last = message;
    },
    ready() {
      if (failures === 0) return;
      log?.(
        `${label}: connected again after ${failures} failed attempt${failures === 1 ? '' : 's'} over ${Math.round((Date.now() - since) / 1000)} s (last: ${last})`,
      );
      failures = 0;
    },
  };
}
