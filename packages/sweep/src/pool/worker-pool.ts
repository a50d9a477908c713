import { type ChildProcess, fork } from 'node:child_process';
import { SnnError } from '../../../../internal/snn-error';

/** One unit of work: a configuration to train on the data of `unit`. */
export interface PoolTask<P> {
  id: string;
  /** Data the task needs; sent to a worker once, then reused by its later tasks. */
  unit: string;
  payload: P;
}

/** Runs one task where the data already is (in this process or in a worker). */
export type TaskExecutor<P, D, R> = (task: PoolTask<P>, data: D) => Promise<R>;

/** Where to start a worker process: `node <script> ...args` (e.g. the `snn` CLI with `tabular-worker`). */
export interface WorkerCommand {
  script: string;
  args: string[];
}

/** Options of {@link runPool}. */
export interface PoolOptions<P, D, R> {
  /** Number of worker processes; 1 (or no `command`) runs the tasks in this process. */
  workers: number;
  /** How to start a worker; required when `workers` > 1. */
  command?: WorkerCommand;
  /** In-process executor, used when no worker processes are started. */
  execute: TaskExecutor<P, D, R>;
  /** Loads the data of a unit (called once per unit, in this process). */
  loadUnit(unit: string): Promise<D>;
  /** Called in this process for every finished task, in completion order. */
  onResult(task: PoolTask<P>, result: R): void | Promise<void>;
  /** Units a worker keeps in memory at once (default 2). */
  unitsPerWorker?: number;
  /** Stops handing out tasks; running ones are abandoned (workers are killed). */
  signal?: AbortSignal;
}

type ToWorker =
  | { type: 'unit'; unit: string; data: unknown }
  | { type: 'drop'; unit: string }
  | { type: 'task'; task: PoolTask<unknown> };
type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'failed'; id: string; message: string; stack?: string };

/**
 * Runs tasks on a local pool of worker processes (one per core by default in the CLI), or in this
 * process when `workers` is 1. Tasks are handed out in the given order to whichever worker is
 * idle; each worker holds the data of at most `unitsPerWorker` units, sent over IPC with the
 * structured-clone serialization (typed arrays intact). A worker that fails or dies fails the run.
 * Workers leave when this process disconnects, so a killed run leaves no orphans behind.
 *
 * @example
 * await runPool(tasks, { workers: 2, command: { script: 'dist/cli.js', args: ['tabular-worker'] },
 *   execute, loadUnit, onResult: (task, record) => store.append(record) });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runPool<P, D, R>(
  tasks: ReadonlyArray<PoolTask<P>>,
  options: PoolOptions<P, D, R>,
): Promise<void> {
  if (tasks.length === 0) return;
  const remainingByUnit = new Map<string, number>();
  for (const t of tasks) remainingByUnit.set(t.unit, (remainingByUnit.get(t.unit) ?? 0) + 1);
  const dataCache = new Map<string, Promise<D>>();
  const dataFor = (unit: string): Promise<D> => {
    let p = dataCache.get(unit);
    if (!p) {
      p = options.loadUnit(unit);
      dataCache.set(unit, p);
    }
    return p;
  };
  const finished = (unit: string): void => {
    const left = remainingByUnit.get(unit)! - 1;
    remainingByUnit.set(unit, left);
    if (left === 0) dataCache.delete(unit);
  };

  if (options.workers <= 1 || options.command === undefined) {
    for (const task of tasks) {
      if (options.signal?.aborted) throw abortError(options.signal);
      const result = await options.execute(task, await dataFor(task.unit));
      await options.onResult(task, result);
      finished(task.unit);
    }
    return;
  }

  const command = options.command;
  const keep = options.unitsPerWorker ?? 2;
  const count = Math.min(options.workers, tasks.length);
  let next = 0;
  let done = 0;
  let alive = count;

  await new Promise<void>((resolve, reject) => {
    const children: ChildProcess[] = [];
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const child of children) {
        if (error !== undefined) child.kill('SIGKILL');
        else if (child.connected) child.disconnect();
      }
      if (error !== undefined) reject(error);
      else resolve();
    };
    const onAbort = (): void => finish(abortError(options.signal!));
    options.signal?.addEventListener('abort', onAbort);

    const startWorker = (slot: number): void => {
      const child = fork(command.script, command.args, {
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      });
      // A worker's stdout (tfjs notices) goes to our stderr so `--json` output stays clean.
      child.stdout?.pipe(process.stderr);
      children.push(child);
      const held: string[] = [];
      let current: PoolTask<P> | null = null;

      const send = (message: ToWorker): void => {
        child.send(message);
      };
      const assign = async (): Promise<void> => {
        if (settled) return;
        if (next >= tasks.length) {
          if (child.connected) child.disconnect();
          return;
        }
        const task = tasks[next++]!;
        current = task;
        try {
          if (!held.includes(task.unit)) {
            const data = await dataFor(task.unit);
            if (settled) return;
            send({ type: 'unit', unit: task.unit, data });
            held.push(task.unit);
            while (held.length > keep) send({ type: 'drop', unit: held.shift()! });
          }
          send({ type: 'task', task: task as PoolTask<unknown> });
        } catch (error) {
          finish(error);
        }
      };

      child.on('message', (raw: FromWorker) => {
        if (settled) return;
        if (raw.type === 'ready') {
          void assign();
        } else if (raw.type === 'result') {
          const task = current!;
          current = null;
          // Through then(): a store write that throws (a full disk) rejects the run here
          // instead of escaping this event handler as an uncaught exception.
          Promise.resolve()
            .then(() => options.onResult(task, raw.result as R))
            .then(() => {
              finished(task.unit);
              done++;
              if (done === tasks.length) finish();
              else void assign();
            })
            .catch(finish);
        } else if (raw.type === 'failed') {
          const err = new SnnError(`worker ${slot + 1}: task ${raw.id} failed: ${raw.message}`);
          if (raw.stack) err.stack = raw.stack;
          finish(err);
        }
      });
      child.on('error', (error) => finish(error));
      child.on('exit', (code, signal) => {
        alive--;
        if (settled) return;
        const how = signal ?? `code ${code}`;
        if (current !== null) {
          finish(
            new SnnError(
              `worker ${slot + 1} exited (${how}) while training ${current.id}; see its messages above, or rerun with --workers 1 to train in one process`,
            ),
          );
        } else if (alive === 0 && done < tasks.length) {
          finish(
            new SnnError(
              `all workers exited (last: ${how}) with ${tasks.length - done} tasks left; see their messages above, or rerun with --workers 1`,
            ),
          );
        }
      });
    };

    for (let slot = 0; slot < count; slot++) startWorker(slot);
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new SnnError('run aborted');
}

/**
 * The worker side of {@link runPool}: call it in the worker process. Answers `ready`, keeps the
 * units it is sent, runs each task with `execute` and replies with its result; exits when the
 * parent disconnects (or dies).
 *
 * @example
 * // in the worker entry point:
 * await serveWorker(async (task, data) => trainOne(task.payload, data));
 * @see https://arxiv.org/abs/1706.02515
 */
export function serveWorker<P, D, R>(execute: TaskExecutor<P, D, R>): Promise<void> {
  if (typeof process.send !== 'function') {
    return Promise.reject(
      new SnnError(
        'serveWorker: this process has no IPC channel; it is started by runPool (snn uci/htru2/tox21), not by hand',
      ),
    );
  }
  const units = new Map<string, D>();
  return new Promise<void>((resolve) => {
    process.on('disconnect', () => {
      resolve();
      process.exit(0);
    });
    process.on('message', (message: ToWorker) => {
      if (message.type === 'unit') units.set(message.unit, message.data as D);
      else if (message.type === 'drop') units.delete(message.unit);
      else if (message.type === 'task') {
        const task = message.task as PoolTask<P>;
        const reply = (m: FromWorker): void => {
          if (process.connected) process.send!(m, undefined, {}, () => {});
        };
        execute(task, units.get(task.unit) as D)
          .then((result) => reply({ type: 'result', id: task.id, result }))
          .catch((error: unknown) => {
            const e = error instanceof Error ? error : new Error(String(error));
            reply({ type: 'failed', id: task.id, message: e.message, stack: e.stack });
          });
      }
    });
    // The parent may already be gone (or done) when a slow worker comes up.
    if (process.connected) process.send!({ type: 'ready' }, undefined, {}, () => {});
  });
}
