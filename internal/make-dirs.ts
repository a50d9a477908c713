import { constants, accessSync, mkdirSync, statSync, statfsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, parse, resolve } from 'node:path';
import { SnnError } from './snn-error';

/**
 * File systems where no folder of ours can live (`statfs` magic numbers from linux/magic.h):
 * Node's recursive `mkdir` spins forever on procfs instead of failing.
 */
const VIRTUAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
]);

const REASONS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'its parent does not accept new folders (a virtual file system such as /proc)',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

function folderError(folder: string, reason: string, code?: string): SnnError {
  return new SnnError(
    `cannot create the folder ${folder}: ${reason}${code === undefined ? '' : ` (${code})`}; choose a folder on a writable disk (e.g. under your home or the working folder)`,
  );
}

function failed(folder: string, error: unknown): SnnError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = code === undefined ? String(error) : (REASONS[code] ?? (error as Error).message);
  return Object.assign(folderError(folder, reason, code), { cause: error });
}

/** `path` and its ancestors, root first. */
function levels(path: string): string[] {
  const all: string[] = [];
  const root = parse(path).root;
  for (let p = path; p !== root; p = dirname(p)) all.unshift(p);
  return all;
}

/**
 * Creates `path` and its missing parents, one level at a time, as `mkdir -p` does: unlike Node's
 * `mkdir(…, { recursive: true })`, which loops forever on /proc, it fails at once on a path
 * under a virtual file system, a read-only one, or a file in the way, with an `SnnError` naming
 * the folder, the reason and the fix.
 *
 * @param path The folder to create; existing folders are kept.
 * @example
 * makeDirsSync('results/uci/run1');
 * makeDirsSync('/proc/foo'); // throws: cannot create the folder /proc/foo: its parent does not accept new folders …
 */
export function makeDirsSync(path: string): void {
  const target = resolve(path);
  for (const folder of levels(target)) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw failed(target, error);
      if (!statSync(folder).isDirectory()) {
        throw folderError(target, `${folder} exists and is a file, not a folder`);
      }
    }
  }
}

/** {@link makeDirsSync} without blocking the event loop. */
export async function makeDirs(path: string): Promise<void> {
  const target = resolve(path);
  for (const folder of levels(target)) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw failed(target, error);
      if (!(await stat(folder)).isDirectory()) {
        throw folderError(target, `${folder} exists and is a file, not a folder`);
      }
    }
  }
}

/**
 * Checks, without creating anything, that an output folder can be created (or written, when it
 * exists): its nearest existing ancestor is a folder, not on a virtual file system (/proc, /sys),
 * and writable (not on a read-only file system). Commands call it on `--out` before any long
 * work, so a bad folder fails at once instead of after hours of training.
 *
 * @param path The folder a command will write to.
 * @throws SnnError naming the folder, the reason and the fix.
 * @example
 * checkOutputFolder('/proc/self/foo'); // throws: … /proc/self is on procfs, a virtual file system …
 */
export function checkOutputFolder(path: string): void {
  const target = resolve(path);
  let existing = target;
  for (;;) {
    try {
      if (!statSync(existing).isDirectory()) {
        throw folderError(target, `${existing} exists and is a file, not a folder`);
      }
      break;
    } catch (error) {
      if (error instanceof SnnError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || existing === dirname(existing)) {
        throw failed(target, error);
      }
      existing = dirname(existing);
    }
  }
  const kind = VIRTUAL_FILE_SYSTEMS.get(Number(statfsSync(existing).type));
  if (kind !== undefined) {
    throw folderError(
      target,
      `${existing} is on ${kind}, a virtual file system that holds no files`,
    );
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (error) {
    throw failed(target, error);
  }
}
