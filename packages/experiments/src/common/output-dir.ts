import { resolve } from 'node:path';
import { checkOutputFolder } from '../../../../internal/make-dirs';
import { UsageError } from './usage-error';

/**
 * The folder a command writes to: `out` if given, else `results/<command>-<timestamp>` under the
 * current working folder (timestamp in local time, `YYYYMMDD-HHMMSS`, safe in file names). Always
 * an absolute path. Does not create the folder.
 *
 * Resuming an interrupted run needs the same folder again, so pass `--out` for long runs.
 *
 * @example
 * resolveOutDir('figure1');            // '/home/me/results/figure1-20250101-120000'
 * resolveOutDir('figure1', 'runs/a');  // '/home/me/runs/a'
 */
export function resolveOutDir(command: string, out?: string, now: Date = new Date()): string {
  if (out !== undefined && out !== '') return resolve(out);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return resolve('results', `${command}-${stamp}`);
}

/**
 * Checks `--out` before a command starts, creating nothing: the folder (or its nearest existing
 * parent) must be a writable folder on a real file system, so `--out /proc/foo` or a read-only
 * disk fails at once with the reason, not after hours of training (or in Node's recursive
 * `mkdir`, which spins forever on /proc).
 *
 * @param out The `--out` value.
 * @throws UsageError `--out /proc/foo: cannot create the folder /proc/foo: /proc is on procfs, …`.
 * @example
 * checkOutDir('runs/uci'); // passes when runs/ can be created or written
 */
export function checkOutDir(out: string): void {
  try {
    checkOutputFolder(out);
  } catch (error) {
    throw new UsageError(`--out ${out}: ${(error as Error).message}`, { cause: error });
  }
}
