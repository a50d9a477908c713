import { SnnError } from '../../../../internal/snn-error';
import type { SweepTask } from '../executor/sweep-task';
import type { SweepWorker } from '../executor/sweep-worker';
import type { PruneDecision, ReportEpoch } from '../prune/report-epoch';
import type { StoreRecord } from '../store/result-store';
import type { FromPoolWorker, ToPoolWorker } from './pool-messages';

/**
 * The worker side of `localPool`: call it in a process the pool started. Answers `ready`, keeps
 * the units it is sent, trains each task it is sent with `worker.train` (or `worker` itself when
 * it is a function) and replies with the record or the error; a task's epoch reports go to the
 * sweep's process, whose pruner answers them; exits when the sweep's process
 * disconnects (or dies). A pool started with `worker: <module>` calls it for you; call it
 * yourself in a script given as the pool's `command`.
 *
 * @example
 * // my-worker.mjs, started by localPool({ workers: 4, command: { script: 'my-worker.mjs', args: [] } })
 * await serveWorker({ train: async (task, data) => ({ type: 'result', key: task.key, loss: fit(task, data) }) });
 * @see https://arxiv.org/abs/1706.02515
 */
export function serveWorker<T extends SweepTask, D, R extends StoreRecord>(
  worker: SweepWorker<T, D, R> | SweepWorker<T, D, R>['train'],
): Promise<void> {
  if (typeof process.send !== 'function') {
    return Promise.reject(
      new SnnError(
        'serveWorker: this process has no IPC channel; it is started by localPool (its `worker` or `command` option), not by hand',
      ),
    );
  }
  const train = typeof worker === 'function' ? worker : worker.train.bind(worker);
  const units = new Map<string, D>();
  // Epoch reports waiting for the sweep's process to decide (pruning), by report id.
  const decisions = new Map<number, (decision: PruneDecision) => void>();
  let reports = 0;
  return new Promise<void>((resolve) => {
    process.on('disconnect', () => {
      resolve();
      process.exit(0);
    });
    const reply = (m: FromPoolWorker): void => {
      if (process.connected) process.send!(m, undefined, {}, () => {});
    };
    process.on('message', (message: ToPoolWorker) => {
      if (message.type === 'unit') units.set(message.unit, message.data as D);
      else if (message.type === 'drop') units.delete(message.unit);
      else if (message.type === 'decision') {
        decisions.get(message.id)?.(message.decision);
        decisions.delete(message.id);
      } else if (message.type === 'task') {
        const task = message.task as T;
        const report: ReportEpoch = (epoch, value) =>
          new Promise((resolve) => {
            const id = ++reports;
            decisions.set(id, resolve);
            reply({ type: 'report', key: task.key, id, epoch, value });
          });
        Promise.resolve()
          .then(() => train(task, units.get(task.unit) as D, report))
          .then((result) => reply({ type: 'result', key: task.key, result }))
          .catch((error: unknown) => {
            const e = error instanceof Error ? error : new Error(String(error));
            reply({ type: 'failed', key: task.key, message: e.message, stack: e.stack });
          });
      }
    });
    // The parent may already be gone (or done) when a slow worker comes up.
    reply({ type: 'ready' });
  });
}
