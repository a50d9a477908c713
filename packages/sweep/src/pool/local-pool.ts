import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SnnError } from '../../../../internal/snn-error';
import { abortError } from '../executor/abort-error';
import type { Executor, ExecutorRun } from '../executor/executor';
import type { SweepTask } from '../executor/sweep-task';
import { tryTask } from '../executor/try-task';
import { unitCache } from '../executor/unit-cache';
import { NEVER_PRUNE } from '../prune/report-epoch';
import type { StoreRecord } from '../store/result-store';
import { type PoolLaunch, PoolProcess, isStartError } from './pool-process';

/** A script that calls `serveWorker` itself: `node <script> ...args`. */
export interface WorkerCommand {
  script: string;
  args: string[];
}

/** Options of {@link localPool}. */
export interface LocalPoolOptions {
  /** Worker processes, an integer ≥ 1 (at most one per task is started). */
  workers: number;
  /**
   * A worker module (path or `file:` URL) whose default export is a `SweepWorker`; the pool
   * starts `node pool-worker.js <module>` for it. Give this or `command`.
   */
  worker?: string | URL;
  /** Or a script of your own that calls `serveWorker`. */
  command?: WorkerCommand;
  /** Environment variables added to the workers' (e.g. a backend or thread count). */
  env?: Record<string, string>;
  /** Units a worker holds in memory at once (default 2). */
  unitsPerWorker?: number;
}

/**
 * The executor that trains on `workers` local processes. Tasks are handed out in the given order
 * to whichever worker is idle; the sweep's process loads each unit's data once and sends it to a
 * worker the first time that worker needs it (structured-clone IPC, typed arrays intact). A task
 * that throws — or whose worker dies while training it — is retried under the run's retry policy
 * (a dead worker is replaced), then recorded as failed. A worker that cannot start, a store
 * write that fails or an abort stops the run and kills the workers. Workers leave when the
 * sweep's process disconnects, so a killed run leaves no orphans behind.
 *
 * @example
 * const executor = localPool({ workers: 4, worker: new URL('./worker.mjs', import.meta.url) });
 * await runSweep({ outDir, header, tasks, loadUnit, train, executor });
 * @see https://arxiv.org/abs/1706.02515
 */
export function localPool(options: LocalPoolOptions): Executor {
  const launch = poolLaunch(options);
  const keep = options.unitsPerWorker ?? 2;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new SnnError(
      `localPool: \`unitsPerWorker\` must be an integer ≥ 1, got ${JSON.stringify(options.unitsPerWorker)}`,
    );
  }
  return {
    kind: 'local-pool',
    async run<T extends SweepTask, D, R extends StoreRecord>(run: ExecutorRun<T, D, R>) {
      if (run.tasks.length === 0) return;
      const units = unitCache(run.tasks, run.loadUnit);
      // Halts every slot at the first error that ends the run (or at the caller's abort).
      const halt = new AbortController();
      const processes = new Set<PoolProcess>();
      const onAbort = () => halt.abort(abortError(run.signal!));
      if (run.signal?.aborted) onAbort();
      run.signal?.addEventListener('abort', onAbort);
      halt.signal.addEventListener('abort', () => {
        for (const p of processes) p.kill();
      });
      let next = 0;
      const slot = async (index: number): Promise<void> => {
        let worker: PoolProcess | null = null;
        const start = (): PoolProcess => {
          if (halt.signal.aborted) throw abortError(halt.signal);
          const p = new PoolProcess(index, launch, keep);
          processes.add(p);
          return p;
        };
        try {
          while (next < run.tasks.length) {
            if (halt.signal.aborted) throw abortError(halt.signal);
            const task = run.tasks[next++]!;
            const data = await units.get(task.unit);
            const outcome = await tryTask(
              task.key,
              run.retry,
              async () => {
                if (worker === null || !worker.alive) worker = start();
                return (await worker.train(task, data, (epoch, value) =>
                  run.report === undefined
                    ? NEVER_PRUNE(epoch, value)
                    : run.report(task, epoch, value),
                )) as R;
              },
              { signal: halt.signal, log: run.log, fatal: isStartError },
            );
            if ('record' in outcome) await run.onResult(task, outcome.record);
            else await run.onFailed(task, outcome.failure);
            units.done(task.unit);
          }
        } catch (error) {
          if (!halt.signal.aborted) halt.abort(error);
          throw error;
        } finally {
          (worker as PoolProcess | null)?.close();
        }
      };
      const count = Math.min(options.workers, run.tasks.length);
      try {
        await Promise.allSettled(Array.from({ length: count }, (_, i) => slot(i)));
        if (halt.signal.aborted) throw abortError(halt.signal);
      } finally {
        run.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/** The script a pool starts, checked: a worker module through our entry, or a command. */
function poolLaunch(options: LocalPoolOptions): PoolLaunch {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new SnnError(
      `localPool: \`workers\` must be an integer ≥ 1, got ${JSON.stringify(options.workers)}; for one process without IPC use inProcess()`,
    );
  }
  const env = options.env === undefined ? {} : { env: options.env };
  if (options.worker !== undefined && options.command !== undefined) {
    throw new SnnError(
      'localPool: pass `worker` (a module whose default export is a SweepWorker) or `command` (a script that calls serveWorker), not both',
    );
  }
  if (options.worker !== undefined) {
    const module =
      options.worker instanceof URL || /^file:/.test(options.worker)
        ? String(options.worker)
        : pathToFileURL(options.worker).href;
    const script = fileURLToPath(new URL('./pool-worker.js', import.meta.url));
    if (!existsSync(script)) {
      throw new SnnError(
        `localPool: the worker entry ${script} is missing (running @snn/sweep from its sources?); build the package (pnpm build) or pass \`command\``,
      );
    }
    return { script, args: [module], ...env };
  }
  if (options.command !== undefined) return { ...options.command, ...env };
  throw new SnnError(
    'localPool: pass `worker` (a module whose default export is a SweepWorker, e.g. new URL("./worker.mjs", import.meta.url)) or `command` (a script that calls serveWorker); to train in this process use inProcess()',
  );
}
