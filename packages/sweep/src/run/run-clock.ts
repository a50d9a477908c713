import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../../../internal/atomic-write';
import { type RunMachine, gitCommit, runMachine } from './run-provenance';

/** File, beside the result store, that times every invocation of a run. */
export const SESSIONS_FILE = 'sessions.json';

/**
 * One invocation of a run: when it started, when it last stored a result, what it trained, and
 * on which machine with which code — a run resumed over days may change both.
 */
export interface RunSession {
  started: string;
  updated: string;
  trained: number;
  /** The machine of the process that ran the session (through a queue: the coordinator's). */
  machine?: RunMachine;
  /** Git commit of the code (`+dirty` with local changes), null outside a checkout. */
  commit?: string | null;
}

/** Wall time of a run summed over its invocations. */
export interface RunTiming {
  sessions: RunSession[];
  /** Σ (updated − started) over the sessions: the run's wall time, interruptions left out. */
  wallSeconds: number;
}

/**
 * Times the invocations of a run that may be killed and resumed many times: each invocation adds
 * a session to `<out>/sessions.json` (with the machine and the commit it ran on) and moves its
 * `updated` time on with every stored result (atomic rewrite), so a SIGKILL loses at most the
 * time since the last result.
 *
 * @example
 * const clock = RunClock.start('results/uci'); clock.tick(); clock.timing().wallSeconds;
 */
export class RunClock {
  private constructor(
    /** The `sessions.json` file. */
    readonly path: string,
    private readonly sessions: RunSession[],
  ) {}

  /**
   * Reads the earlier sessions of the run in `outDir` (if any) and opens a new one, recording
   * `about` it (by default this machine and the code's commit; `{}` records neither).
   */
  static start(
    outDir: string,
    about: Pick<RunSession, 'machine' | 'commit'> = {
      machine: runMachine(),
      commit: gitCommit({ ignore: outDir }),
    },
  ): RunClock {
    const path = join(outDir, SESSIONS_FILE);
    const sessions = existsSync(path) ? readSessions(path) : [];
    const now = new Date().toISOString();
    sessions.push({ started: now, updated: now, trained: 0, ...about });
    const clock = new RunClock(path, sessions);
    clock.save();
    return clock;
  }

  /** Records that this session stored `trained` more results. */
  tick(trained = 1): void {
    const current = this.sessions.at(-1)!;
    current.updated = new Date().toISOString();
    current.trained += trained;
    this.save();
  }

  /** The sessions so far and the wall time summed over them. */
  timing(): RunTiming {
    const wallMs = this.sessions.reduce(
      (sum, s) => sum + (Date.parse(s.updated) - Date.parse(s.started)),
      0,
    );
    return { sessions: this.sessions.map((s) => ({ ...s })), wallSeconds: wallMs / 1000 };
  }

  private save(): void {
    writeFileAtomicSync(this.path, `${JSON.stringify(this.sessions, null, 2)}\n`);
  }
}

function readSessions(path: string): RunSession[] {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (Array.isArray(value)) return value as RunSession[];
  } catch {
    // A timing file that cannot be read costs the earlier sessions' times, never the results.
  }
  return [];
}
