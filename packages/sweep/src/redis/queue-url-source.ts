import { readFileSync } from 'node:fs';
import { SnnError } from '../../../../internal/snn-error';
import { parseQueueUrl } from './queue-url';

/** Environment variable that may hold the queue URL, so its password stays out of `ps`. */
export const QUEUE_URL_ENV = 'SNN_QUEUE_URL';

/** Where a queue URL may come from; see {@link readQueueUrl}. */
export interface QueueUrlSource {
  /** Given as it is (a command-line argument is visible to every user of the machine in `ps`). */
  url?: string;
  /** A file whose first line is the URL, e.g. mode 600 or a mounted secret. */
  file?: string;
  /** The environment, read for {@link QUEUE_URL_ENV} (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The queue URL from the first of: `url`, the first line of `file`, the `SNN_QUEUE_URL`
 * environment variable — checked by `parseQueueUrl`; null
 * when none is set. A URL with a password belongs in the file or the variable: the command line of
 * every process is readable by all users of the machine (`ps`). Errors never show the password.
 *
 * @example
 * // SNN_QUEUE_URL=redis://:s3cret@db:6379 snn worker
 * readQueueUrl({}); // 'redis://:s3cret@db:6379'
 * readQueueUrl({ file: '/run/secrets/snn-queue' }); // the URL in that file
 * @see https://arxiv.org/abs/1706.02515
 */
export function readQueueUrl(source: QueueUrlSource): string | null {
  if (source.url !== undefined && source.file !== undefined) {
    throw new SnnError(
      '`url` and `file` were both given; pass one of them (the file keeps the password out of ps)',
    );
  }
  if (source.url !== undefined) return parseQueueUrl(source.url);
  if (source.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (error) {
      throw new SnnError(
        `\`file\` ${source.file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass a file holding one line redis://[user:password@]host:port[/db]`,
      );
    }
    const line = text.split(/\r?\n/, 1)[0]!.trim();
    if (line === '') {
      throw new SnnError(
        `\`file\` ${source.file} is empty; write one line redis://[user:password@]host:port[/db] into it`,
      );
    }
    return parseQueueUrl(line, `the URL in \`file\` ${source.file}`);
  }
  const value = (source.env ?? process.env)[QUEUE_URL_ENV];
  if (value === undefined || value.trim() === '') return null;
  return parseQueueUrl(value.trim(), QUEUE_URL_ENV);
}
