import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runSweep } from '../run/run-sweep';
import { storeWriteError } from './result-store';
import { STORE_FILE } from './store-file';

// A disk that fills up: every write of a result line after `budget` of them fails as Linux fails
// it (ENOSPC), after writing nothing.
const disk = vi.hoisted(() => ({ budget: Number.POSITIVE_INFINITY }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (typeof data === 'string' && data.startsWith('{"type":"result"')) {
      if (disk.budget <= 0) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          errno: -28,
          syscall: 'write',
        });
      }
      disk.budget--;
    }
    return (fs.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

describe('a full disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-full-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tasks = ['a', 'b', 'c', 'd'].map((key) => ({ key, unit: 'u' }));
  const run = (trained: string[]) =>
    runSweep({
      outDir: dir,
      header: { type: 'run', benchmark: 'toy', fingerprint: {} },
      tasks,
      loadUnit: async () => null,
      train: async (task) => {
        trained.push(task.key);
        return { type: 'result' as const, key: task.key };
      },
    });

  it('names the file, counts what is safely stored, and a rerun resumes from it', async () => {
    disk.budget = 2;
    const path = join(dir, STORE_FILE);
    await expect(run([])).rejects.toThrow(
      `cannot write ${path}: no space left on the device (ENOSPC); 2 configurations are safely stored there — free some space and rerun the same command to resume from them`,
    );
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(1 + 2);
    disk.budget = Number.POSITIVE_INFINITY;
    const trained: string[] = [];
    const summary = await run(trained);
    expect(trained).toEqual(['c', 'd']);
    expect(summary.complete).toBe(true);
  });

  it('a failing disk (EIO) and an unknown count get the same message; other errors pass unchanged', () => {
    const eio = Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    expect((storeWriteError('out/sessions.json', 3, eio, 'out/store.jsonl') as Error).message).toBe(
      'cannot write out/sessions.json: an input/output error: the disk or its connection failed (EIO); 3 configurations are safely stored in out/store.jsonl — check the disk and rerun the same command to resume from them',
    );
    const full = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    expect(
      (storeWriteError('out/store.lock', null, full, 'out/store.jsonl') as Error).message,
    ).toBe(
      'cannot write out/store.lock: no space left on the device (ENOSPC); nothing stored in out/store.jsonl is lost — free some space and rerun the same command to resume',
    );
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    expect(storeWriteError('out/store.jsonl', 1, denied)).toBe(denied);
  });
});
