import { type ChildProcess, fork } from 'node:child_process';
import { SnnError } from '../../../../internal/snn-error';
import type { ReportEpoch } from '../prune/report-epoch';
import type { FromPoolWorker, ToPoolWorker } from './pool-messages';
import { PoolStartError } from './pool-start-error';

/** How to start a local-pool worker: `node <script> ...args`, with `env` added to ours. */
export interface PoolLaunch {
  script: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * Whether `error` says a worker process could not start (a {@link PoolStartError}, of any loaded
 * copy): the run cannot go on (a retry would fail alike), unlike a worker that dies while
 * training, which counts as a failed try.
 */
export function isStartError(error: unknown): boolean {
  return error instanceof PoolStartError;
}

/**
 * One worker process of a local pool, seen from the sweep's process: started by `fork` with
 * structured-clone IPC (typed arrays intact), it holds the data of at most `keep` units and
 * trains one task at a time. {@link PoolProcess.train} resolves with the task's result, and
 * rejects with the task's error or, when the process dies meanwhile, with an error naming the
 * task and the exit — which the retry policy counts as a failed try.
 */
export class PoolProcess {
  private readonly child: ChildProcess;
  private readonly held: string[] = [];
  private current: {
    key: string;
    report: ReportEpoch;
    resolve(r: unknown): void;
    reject(e: Error): void;
  } | null = null;
  private exit: string | null = null;
  readonly ready: Promise<void>;

  constructor(
    private readonly slot: number,
    launch: PoolLaunch,
    private readonly keep: number,
  ) {
    this.child = fork(launch.script, launch.args, {
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: launch.env === undefined ? process.env : { ...process.env, ...launch.env },
    });
    // A worker's stdout (tfjs notices) goes to our stderr, so a program's own stdout stays clean.
    this.child.stdout?.pipe(process.stderr);
    this.ready = new Promise<void>((resolve, reject) => {
      const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
        reject(
          new PoolStartError(
            `localPool: worker ${slot + 1} (${launch.script}) exited (${signal ?? `code ${code}`}) before it was ready; see its messages above, check the pool's \`worker\` or \`command\`, or train in this process (inProcess(), or \`workers\` 1)`,
          ),
        );
      this.child.once('exit', onEarlyExit);
      this.child.once('error', (error) =>
        reject(new PoolStartError(`localPool: cannot start worker ${slot + 1}: ${error.message}`)),
      );
      this.child.on('message', (m: FromPoolWorker) => {
        if (m.type === 'ready') {
          this.child.off('exit', onEarlyExit);
          resolve();
        } else this.answer(m);
      });
    });
    // A rejection nobody awaits yet must not crash the process; `train` and the pool see it.
    this.ready.catch(() => {});
    this.child.on('exit', (code, signal) => {
      this.exit = signal ?? `code ${code}`;
      const current = this.current;
      this.current = null;
      current?.reject(
        new SnnError(`worker ${this.slot + 1} exited (${this.exit}) while training ${current.key}`),
      );
    });
  }

  /** Whether the process still runs. */
  get alive(): boolean {
    return this.exit === null;
  }

  /**
   * Sends the unit's data unless the process holds it, then the task; resolves with its result.
   * The task's epoch reports are answered with `report` (the run's pruner).
   */
  async train(
    task: { key: string; unit: string },
    data: unknown,
    report: ReportEpoch,
  ): Promise<unknown> {
    await this.ready;
    if (!this.alive) throw new SnnError(`worker ${this.slot + 1} exited (${this.exit})`);
    const result = new Promise<unknown>((resolve, reject) => {
      this.current = { key: task.key, report, resolve, reject };
    });
    if (!this.held.includes(task.unit)) {
      this.send({ type: 'unit', unit: task.unit, data });
      this.held.push(task.unit);
      while (this.held.length > this.keep) this.send({ type: 'drop', unit: this.held.shift()! });
    }
    this.send({ type: 'task', task: { ...task } });
    return result;
  }

  /** Lets the process exit on its own (it leaves when its IPC channel closes). */
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }

  /** Kills the process at once (an aborted or failed run). */
  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  private send(message: ToPoolWorker): void {
    if (this.child.connected) this.child.send(message);
  }

  private answer(m: FromPoolWorker): void {
    const current = this.current;
    if (current === null || m.type === 'ready' || m.key !== current.key) return;
    if (m.type === 'report') {
      current.report(m.epoch, m.value).then(
        (decision) => this.send({ type: 'decision', key: m.key, id: m.id, decision }),
        // The rung log cannot be written (a full disk): the task fails with that error.
        (error: Error) => {
          if (this.current !== current) return;
          this.current = null;
          current.reject(error);
        },
      );
      return;
    }
    this.current = null;
    if (m.type === 'result') current.resolve(m.result);
    else {
      const error = new Error(m.message);
      if (m.stack) error.stack = m.stack;
      current.reject(error);
    }
  }
}
