import { Redis } from 'ioredis';
import { SnnError } from '../../../../internal/snn-error';
import { redactUrls } from '../run/run-provenance';

/**
 * Checks a `--queue` URL: `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS).
 * Returns it unchanged; errors show it with the password redacted.
 *
 * @example
 * parseQueueUrl('redis://127.0.0.1:6379/0'); // 'redis://127.0.0.1:6379/0'
 * @see https://arxiv.org/abs/1706.02515
 */
export function parseQueueUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SnnError(
      `--queue must be a URL redis://[user:password@]host:port[/db] or rediss://…, got ${JSON.stringify(redactUrls(text))}`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new SnnError(
      `--queue must use redis:// or rediss:// (TLS), got ${url.protocol}//… in ${JSON.stringify(redactUrls(text))}`,
    );
  }
  if (url.hostname === '') {
    throw new SnnError(
      `--queue needs a host, e.g. redis://127.0.0.1:6379, got ${JSON.stringify(redactUrls(text))}`,
    );
  }
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d+$/.test(url.pathname)) {
    throw new SnnError(
      `--queue: the path of a Redis URL is a database number (/0 … /15), got ${JSON.stringify(url.pathname)}`,
    );
  }
  return text;
}

/**
 * A Redis connection for BullMQ from a checked queue URL: commands wait through reconnects
 * (`maxRetriesPerRequest: null`), so a Redis restart pauses a run instead of failing it.
 */
export function connectQueue(url: string): Redis {
  const redis = new Redis(parseQueueUrl(url), { maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis; without a listener each one would be printed.
  redis.on('error', () => {});
  return redis;
}
