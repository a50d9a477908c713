import type { Redis } from 'ioredis';
import { SnnError } from '../../../../internal/snn-error';
import { redactUrls } from '../run/run-provenance';
import { type QueueErrorLog, queueErrorLog } from './queue-error-log';
import { loadPeer } from './redis-peers';

/**
 * Checks a queue URL: `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS).
 * Returns it unchanged; errors name it as `name` (default `` `url` ``, the option) and show it
 * with the login redacted.
 *
 * @example
 * parseQueueUrl('redis://127.0.0.1:6379/0'); // 'redis://127.0.0.1:6379/0'
 * @see https://arxiv.org/abs/1706.02515
 */
export function parseQueueUrl(text: string, name = '`url`'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SnnError(
      `${name} must be a URL redis://[user:password@]host:port[/db] or rediss://…, got ${JSON.stringify(redactUrls(text))}`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new SnnError(
      `${name} must use redis:// or rediss:// (TLS), got ${url.protocol}//… in ${JSON.stringify(redactUrls(text))}`,
    );
  }
  if (url.hostname === '') {
    throw new SnnError(
      `${name} needs a host, e.g. redis://127.0.0.1:6379, got ${JSON.stringify(redactUrls(text))}`,
    );
  }
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d+$/.test(url.pathname)) {
    throw new SnnError(
      `${name}: the path of a Redis URL is a database number (/0 … /15), got ${JSON.stringify(url.pathname)}`,
    );
  }
  return text;
}

/** Longest pause between two reconnection attempts, in ms. */
const MAX_RECONNECT_DELAY_MS = 10_000;

/**
 * A Redis connection for BullMQ from a checked queue URL: commands wait through reconnects
 * (`maxRetriesPerRequest: null`), so a Redis restart pauses a run instead of failing it; the
 * attempts back off exponentially from 100 ms to 10 s. Errors go to `errors` (redacted and
 * summarized, see {@link queueErrorLog}), or nowhere — never to the console with the login.
 *
 * @example
 * const redis = connectQueue('redis://127.0.0.1:6379', queueErrorLog(console.error, 'worker'));
 * @see https://arxiv.org/abs/1706.02515
 */
export function connectQueue(
  url: string,
  errors: QueueErrorLog = queueErrorLog(undefined, ''),
): Redis {
  const { Redis: RedisClient } = loadPeer('ioredis');
  const redis = new RedisClient(parseQueueUrl(url), {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 10), MAX_RECONNECT_DELAY_MS),
  });
  redis.on('error', errors.error);
  redis.on('ready', errors.ready);
  return redis;
}
