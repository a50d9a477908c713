import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, makeDirs, makeDirsSync } from './make-dirs';

const work = mkdtempSync(join(tmpdir(), 'snn-dirs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WRITABLE = 'choose a folder on a writable disk';

/** A read-only tmpfs mounted for the test, or why none can be (mounting needs root). */
function readOnlyMount(): { dir: string; unmount(): void } | string {
  if (process.getuid?.() !== 0) return 'mounting a read-only file system needs root';
  const dir = join(work, 'ro');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch (error) {
    return `mount -t tmpfs failed here (${(error as Error).message.split('\n')[0]})`;
  }
  return { dir, unmount: () => execFileSync('umount', [dir]) };
}

describe('makeDirsSync / makeDirs', () => {
  it('create missing parents and keep existing folders', async () => {
    makeDirsSync(join(work, 'a', 'b', 'c'));
    expect(statSync(join(work, 'a', 'b', 'c')).isDirectory()).toBe(true);
    makeDirsSync(join(work, 'a', 'b', 'c'));
    await makeDirs(join(work, 'a', 'x', 'y'));
    expect(statSync(join(work, 'a', 'x', 'y')).isDirectory()).toBe(true);
  });

  it('fail at once under /proc, where Node’s recursive mkdir spins forever', async () => {
    for (const path of ['/proc/snn-never', '/proc/self/snn-never/deeper']) {
      expect(() => makeDirsSync(path)).toThrow(
        `cannot create the folder ${path}: its parent does not accept new folders (a virtual file system such as /proc) (ENOENT); ${WRITABLE}`,
      );
      await expect(makeDirs(path)).rejects.toThrow(`cannot create the folder ${path}:`);
    }
  });

  it('name a file standing where a folder should be', () => {
    writeFileSync(join(work, 'file'), 'x');
    expect(() => makeDirsSync(join(work, 'file', 'sub'))).toThrow(
      `cannot create the folder ${join(work, 'file', 'sub')}: ${join(work, 'file')} exists and is a file, not a folder; ${WRITABLE}`,
    );
  });
});

describe('checkOutputFolder', () => {
  it('passes a new folder under a writable one, creating nothing', () => {
    checkOutputFolder(join(work, 'new', 'run'));
    expect(existsSync(join(work, 'new'))).toBe(false);
  });

  it('refuses /proc and /proc/self/… as procfs', () => {
    expect(() => checkOutputFolder('/proc/foo')).toThrow(
      `cannot create the folder /proc/foo: /proc is on procfs, a virtual file system that holds no files; ${WRITABLE}`,
    );
    expect(() => checkOutputFolder('/proc/self/foo')).toThrow(
      /cannot create the folder \/proc\/self\/foo: \/proc\/self is on procfs/,
    );
  });

  it('refuses a file in the way', () => {
    writeFileSync(join(work, 'plain'), 'x');
    expect(() => checkOutputFolder(join(work, 'plain', 'out'))).toThrow(
      `${join(work, 'plain')} exists and is a file, not a folder`,
    );
  });

  it('refuses a read-only file system (a real read-only tmpfs)', (context) => {
    const mount = readOnlyMount();
    if (typeof mount === 'string') return context.skip(mount);
    try {
      const out = join(mount.dir, 'run');
      expect(() => checkOutputFolder(out)).toThrow(
        `cannot create the folder ${out}: the file system is read-only (EROFS); ${WRITABLE}`,
      );
      expect(() => checkOutputFolder(mount.dir)).toThrow(/the file system is read-only \(EROFS\)/);
      expect(() => makeDirsSync(join(out, 'deeper'))).toThrow(
        `cannot create the folder ${join(out, 'deeper')}: the file system is read-only (EROFS); ${WRITABLE}`,
      );
    } finally {
      mount.unmount();
    }
  });
});
