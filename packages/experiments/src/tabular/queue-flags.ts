import { QUEUE_CONNECT_TIMEOUT_MS, QUEUE_URL_ENV, readQueueUrl } from '@snn/sweep/redis';
import { type Command, Option } from 'commander';
import { parseNumber } from '../common/shared-flags';
import { UsageError } from '../common/usage-error';

/**
 * Adds the flags that name a Redis queue: `--queue [url]` and `--queue-file <path>` (the URL may
 * also come from `SNN_QUEUE_URL`), and with `timeout` `--connect-timeout <seconds>`.
 *
 * @example
 * addQueueFlags(program.command('status'), 'the queue to show', { timeout: true });
 * @see https://arxiv.org/abs/1706.02515
 */
export function addQueueFlags(
  command: Command,
  what: string,
  options: { timeout?: boolean } = {},
): Command {
  command
    .addOption(
      new Option(
        '--queue [url]',
        `${what}: redis://[user:password@]host:port[/db] or rediss://…; a URL with a password belongs in --queue-file or ${QUEUE_URL_ENV} instead, since every command line shows in ps (--queue alone takes ${QUEUE_URL_ENV})`,
      ),
    )
    .addOption(
      new Option(
        '--queue-file <path>',
        'a file whose first line is the queue URL (readable only by you, e.g. chmod 600)',
      ),
    );
  if (options.timeout === true) {
    command.addOption(
      new Option(
        '--connect-timeout <seconds>',
        `give up when Redis does not answer within this time (default ${QUEUE_CONNECT_TIMEOUT_MS / 1000})`,
      ),
    );
  }
  return command;
}

/**
 * The queue URL of {@link addQueueFlags}'s flags: `--queue <url>`, else `--queue-file`, else
 * `SNN_QUEUE_URL` (when `fromEnv`, or for `--queue` given without a value); undefined when none
 * is set and `required` is false. Errors are `UsageError`s that never show the password.
 *
 * @example
 * queueUrlFlag(raw, { required: true, fromEnv: true }); // 'redis://…' from SNN_QUEUE_URL
 */
export function queueUrlFlag(
  raw: Record<string, unknown>,
  options: { required: boolean; fromEnv: boolean },
): string | undefined {
  const url = typeof raw.queue === 'string' ? raw.queue : undefined;
  const file = raw.queueFile === undefined ? undefined : String(raw.queueFile);
  const wanted = options.fromEnv || raw.queue === true;
  if (url === undefined && file === undefined && !wanted) return undefined;
  let found: string | null;
  try {
    found = readQueueUrl({ url, file, env: wanted ? process.env : {} });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (found === null && (options.required || raw.queue === true)) {
    throw new UsageError(
      `no queue URL: pass --queue-file <path> or set ${QUEUE_URL_ENV} (or --queue <url>, which shows in ps)`,
    );
  }
  return found ?? undefined;
}

/** `--connect-timeout <seconds>` in ms (default 30 000); throws `UsageError` when not > 0. */
export function connectTimeoutFlag(raw: Record<string, unknown>): number {
  if (raw.connectTimeout === undefined) return QUEUE_CONNECT_TIMEOUT_MS;
  return (
    parseNumber('--connect-timeout', raw.connectTimeout, { exclusiveMin: 0, max: 86_400 }) * 1000
  );
}
