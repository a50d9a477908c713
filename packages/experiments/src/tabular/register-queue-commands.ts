import { resolve } from 'node:path';
import { redactUrls } from '@snn/sweep';
import { cleanQueue, queueStatus, serveQueue } from '@snn/sweep/redis';
import { type Command, Option } from 'commander';
import { formatDuration } from '../common/progress';
import { parseInteger } from '../common/shared-flags';
import { BENCHMARKS } from './benchmarks';
import { addQueueFlags, connectTimeoutFlag, queueUrlFlag } from './queue-flags';
import { gridWorkerPath } from './run/grid-worker-path';
import { tabularCodeVersion } from './run/tabular-code-version';
import { WORKER_BACKEND_ENV } from './run/worker-backend-env';

/**
 * Adds `snn worker` (trains the tasks of `snn <benchmark> --queue` runs) and
 * `snn queue status|clean` to the `snn` program.
 *
 * @example
 * registerQueueCommands(new Command('snn'));
 * @see https://arxiv.org/abs/1706.02515
 */
export function registerQueueCommands(program: Command): void {
  const worker = program
    .command('worker')
    .summary(
      `train the configurations of queued ${BENCHMARKS.join('/')} runs (--queue) until stopped`,
    )
    .description(
      [
        `Takes configurations from the Redis queue of \`snn ${BENCHMARKS.join('|')} --queue\`, loads their data`,
        'with the same loaders and cache as those commands (SNN_DATA_DIR, or the path the run was',
        'given), trains each in a sandboxed child process and returns its record. Refuses tasks of',
        'other code versions, of unknown benchmarks, or whose data differs from the coordinator’s,',
        'jobs over the size limits (SNN_MAX_*), and jobs reading data outside the --data locations.',
        'Whoever may write to the Redis may queue jobs: keep it private.',
        'Stops on SIGINT/SIGTERM after the tasks in hand.',
      ].join(' '),
    )
    .addOption(
      new Option(
        '--data <path>',
        'a data file or folder that runs may name as their data (repeatable); jobs naming any other path are refused (default: none, only the cache in SNN_DATA_DIR)',
      ).argParser((value: string, previous: string[] = []) => [...previous, resolve(value)]),
    );
  addQueueFlags(worker, 'the queue to serve')
    .addOption(new Option('--concurrency <n>', 'configurations trained at once (default 1)'))
    .addOption(
      new Option('--backend <name>', 'tfjs backend of the training processes').default('auto'),
    )
    .action(async (raw: Record<string, unknown>) => {
      const concurrency =
        raw.concurrency === undefined
          ? 1
          : parseInteger('--concurrency', raw.concurrency, { min: 1 });
      process.env[WORKER_BACKEND_ENV] = String(raw.backend);
      const url = queueUrlFlag(raw, { required: true, fromEnv: true })!;
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      process.once('SIGTERM', () => stop.abort());
      const log = (line: string) => process.stderr.write(`${line}\n`);
      log(`worker: serving ${redactUrls(url)} with ${concurrency} training process(es)`);
      await serveQueue({
        url,
        worker: gridWorkerPath(),
        concurrency,
        version: tabularCodeVersion(),
        dataLocations: (raw.data as string[] | undefined) ?? [],
        log,
        signal: stop.signal,
      });
    });

  const queue = program
    .command('queue')
    .summary('show or clean the runs on a Redis queue (see --queue)');
  const status = queue
    .command('status')
    .description(
      'Per run: configurations waiting, active, stored, failed, the ETA; and the workers seen in the last minute.',
    );
  addQueueFlags(status, 'the queue to show', { timeout: true })
    .addOption(new Option('--json', 'print the status as JSON on stdout').default(false))
    .action(async (raw: Record<string, unknown>) => {
      const status = await queueStatus(queueUrlFlag(raw, { required: true, fromEnv: true })!, {
        connectTimeoutMs: connectTimeoutFlag(raw),
      });
      if (raw.json === true) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      const lines = status.runs.map(
        (r) =>
          `run ${r.run} ${r.benchmark} (${r.outDir}, coordinator ${r.coordinator}): ${r.waiting} waiting, ${r.active} active, ${r.stored}/${r.total} stored, ${r.failed} failed${r.retrying > 0 ? `, ${r.retrying} retrying` : ''}, ETA ${r.etaSeconds === null ? '?' : formatDuration(r.etaSeconds)}`,
      );
      if (lines.length === 0) lines.push('no runs on this queue');
      lines.push(
        `${status.workers.length} worker(s) seen in the last minute${status.workers.map((w) => `\n  ${w.host} pid ${w.pid}, concurrency ${w.concurrency}, code ${w.version}`).join('')}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  const clean = queue
    .command('clean')
    .description('Removes the keys of finished runs (or of the run given) from the queue.');
  addQueueFlags(clean, 'the queue to clean', { timeout: true })
    .addOption(new Option('--run <id>', 'only this run (see snn queue status)'))
    .addOption(new Option('--force', 'also a run that is not finished').default(false))
    .action(async (raw: Record<string, unknown>) => {
      const removed = await cleanQueue(queueUrlFlag(raw, { required: true, fromEnv: true })!, {
        connectTimeoutMs: connectTimeoutFlag(raw),
        ...(raw.run === undefined ? {} : { run: String(raw.run) }),
        force: raw.force === true,
      });
      process.stdout.write(
        removed.length === 0 ? 'nothing to clean\n' : `removed run(s) ${removed.join(', ')}\n`,
      );
    });
}
