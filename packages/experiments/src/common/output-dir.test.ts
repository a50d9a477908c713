import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSnnInProcess } from '../cli/run-snn-in-process';
import { checkOutDir, resolveOutDir } from './output-dir';

const work = mkdtempSync(join(tmpdir(), 'snn-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const snn = runSnnInProcess;

const WRITABLE = 'choose a folder on a writable disk';

describe('--out is checked before a command starts', () => {
  it('resolveOutDir still names the folder without creating it', () => {
    expect(resolveOutDir('uci', join(work, 'a'))).toBe(join(work, 'a'));
    expect(() => checkOutDir(join(work, 'new', 'run'))).not.toThrow();
  });

  it('uci, merge and the other commands refuse /proc/foo and /proc/self/foo at once', async () => {
    for (const [args, out] of [
      [['uci', '--datasets', 'iris'], '/proc/foo'],
      [['uci', '--datasets', 'iris'], '/proc/self/foo'],
      [['merge', join(work, 'shard1')], '/proc/foo'],
      [['theory'], '/proc/self/foo'],
      [['htru2'], '/proc/foo'],
    ] as const) {
      const r = await snn([...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `^snn ${args[0]}: --out ${out}: cannot create the folder ${out}: /proc(/self)? is on procfs, a virtual file system that holds no files; ${WRITABLE}`,
        ),
      );
    }
  });

  it('a real read-only file system (tmpfs mounted ro) is refused by name', async (context) => {
    if (process.getuid?.() !== 0) return context.skip('mounting a file system needs root');
    const dir = join(work, 'ro');
    mkdirSync(dir);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], {
        stdio: 'ignore',
      });
    } catch (error) {
      return context.skip(`mount -t tmpfs failed here: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      const r = await snn(['uci', '--datasets', 'iris', '--out', join(dir, 'run')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `snn uci: --out ${join(dir, 'run')}: cannot create the folder ${join(dir, 'run')}: the file system is read-only (EROFS); ${WRITABLE} (e.g. under your home or the working folder)\n`,
      );
    } finally {
      execFileSync('umount', [dir]);
    }
  });
});
