import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { makeDirsSync } from '../../../../internal/make-dirs';
import { SnnError } from '../../../../internal/snn-error';

/** File, inside a run's output folder, that marks the folder as in use by one process. */
export const LOCK_FILE = 'store.lock';

/** Who holds an output folder: written as JSON into {@link LOCK_FILE}. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the process took the folder. */
  started: string;
  /** Its command line (passwords redacted by the caller). */
  command: string;
}

/** A held output-folder lock; `release` removes the lock file if it is still this process's. */
export interface OutDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock file if this process still holds it. */
  release(): void;
}

/**
 * Takes the output folder `outDir` for this process, so that two runs never append to one store
 * at once: creates `<outDir>/store.lock` exclusively (`O_EXCL`) with this process's pid, host and
 * command. A lock left by a process of this host that no longer exists (a SIGKILLed run) is taken
 * over; a live one, or one from another host (whose processes cannot be checked from here), is
 * refused with an error naming that process.
 *
 * @example
 * const lock = lockOutDir('results/uci', 'snn uci --datasets small');
 * try { … } finally { lock.release(); }
 * @see https://arxiv.org/abs/1706.02515
 */
export function lockOutDir(outDir: string, command: string): OutDirLock {
  makeDirsSync(outDir);
  const path = join(outDir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    command,
  };
  // Two attempts: the second after removing a stale lock (a third racer may still win it).
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const other = readOwner(path);
      if (other !== null && !isStale(other)) throw inUseError(outDir, path, other);
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(owner)}\n`);
    } catch (error) {
      // A full disk: an empty lock would look stale to us but block nothing; leave none behind.
      closeSync(fd);
      rmSync(path, { force: true });
      throw error;
    }
    closeSync(fd);
    return {
      path,
      owner,
      release: () => {
        const now = readOwner(path);
        if (now !== null && now.pid === owner.pid && now.host === owner.host) {
          rmSync(path, { force: true });
        }
      },
    };
  }
  const other = readOwner(path);
  throw inUseError(outDir, path, other ?? owner);
}

function readOwner(path: string): LockOwner | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') return value as LockOwner;
  } catch {
    // Unreadable or half-written (its writer was killed between create and write): stale.
  }
  return null;
}

/** A lock is stale when its process was on this host and is gone. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function inUseError(outDir: string, path: string, other: LockOwner): SnnError {
  return new SnnError(
    `${outDir} is in use by another run: pid ${other.pid} on ${other.host} since ${other.started} (${other.command}); wait for it to finish, pass another \`outDir\`, or — if that process is gone from ${other.host} — delete ${path}`,
  );
}
