import type { Redis } from 'ioredis';
import { SnnError } from '../../../../internal/snn-error';
import { redactUrls } from '../run/run-provenance';

/** How long a command waits for the queue's Redis before it gives up, by default (30 s). */
export const QUEUE_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Waits until the Redis at `url` answers `PING` on `connection`, at most `timeoutMs`; throws a
 * {@link SnnError} that says what to fix when it does not: a refused login (wrong user or
 * password, or a server that needs one) fails at once, an unreachable server after `timeoutMs`.
 * One-shot commands and coordinators call it first, so they never hang on a queue they cannot use.
 *
 * @param timeoutMs at most this long (default 30 000 ms).
 * @example
 * await waitForQueue(connectQueue(url), url, 10_000);
 * @see https://arxiv.org/abs/1706.02515
 */
export async function waitForQueue(
  connection: Redis,
  url: string,
  timeoutMs: number = QUEUE_CONNECT_TIMEOUT_MS,
): Promise<void> {
  let last: unknown = null;
  const remember = (error: unknown): void => {
    last = error;
  };
  connection.on('error', remember);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      connection.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(last ?? new Error('no answer')), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw queueConnectError(url, error, timeoutMs);
  } finally {
    clearTimeout(timer);
    connection.off('error', remember);
  }
}

/** Whether a Redis error is a refused login (`WRONGPASS`, `NOAUTH`, an `AUTH` error). */
export function isAuthError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /^(WRONGPASS|NOAUTH|NOPERM)\b|^ERR (AUTH|invalid password|Client sent AUTH)/i.test(
    message,
  );
}

/**
 * The error for a queue that cannot be used: which queue (login redacted), what Redis or the
 * network said, and what to fix.
 */
export function queueConnectError(url: string, error: unknown, timeoutMs: number): SnnError {
  const where = redactUrls(url);
  const said = redactUrls(error instanceof Error ? error.message || error.name : String(error));
  if (isAuthError(error)) {
    return new SnnError(
      `cannot log in to the queue ${where}: Redis refused the login (${said}); the user or password in the queue URL is wrong — pass the right redis://user:password@host:port as \`url\`, in a \`file\` or in SNN_QUEUE_URL`,
    );
  }
  return new SnnError(
    `cannot reach the queue ${where} within ${timeoutMs / 1000} s (last error: ${said}); check that redis-server runs there and that the host, port and TLS (rediss://) of the URL are right, or wait longer with a larger \`connectTimeoutMs\``,
  );
}
