import { NEVER_PRUNE } from '../prune/report-epoch';
import type { StoreRecord } from '../store/result-store';
import type { Executor, ExecutorRun } from './executor';
import type { SweepTask } from './sweep-task';
import { tryTask } from './try-task';
import { unitCache } from './unit-cache';

/**
 * The executor that trains every task in this process, one after another in the given order,
 * with the run's `train` — the default of `runSweep` and `sweep`. Each unit's data is loaded once
 * and released after its last task; a task that throws is retried under the run's retry policy,
 * then recorded as failed.
 *
 * @example
 * await runSweep({ outDir, header, tasks, loadUnit, train, executor: inProcess() });
 * @see https://arxiv.org/abs/1706.02515
 */
export function inProcess(): Executor {
  return {
    kind: 'in-process',
    async run<T extends SweepTask, D, R extends StoreRecord>(run: ExecutorRun<T, D, R>) {
      const units = unitCache(run.tasks, run.loadUnit);
      for (const task of run.tasks) {
        const data = await units.get(task.unit);
        const outcome = await tryTask(
          task.key,
          run.retry,
          () =>
            run.train(task, data, (epoch, value) =>
              run.report === undefined ? NEVER_PRUNE(epoch, value) : run.report(task, epoch, value),
            ),
          run,
        );
        if ('record' in outcome) await run.onResult(task, outcome.record);
        else await run.onFailed(task, outcome.failure);
        units.done(task.unit);
      }
    },
  };
}
