// A real full disk: a 64 KiB tmpfs, filled to the last byte before the reports are written.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure1StateStore } from '../node/figure1-state-store';
import { writeRunOutputs } from '../tabular/run/write-run-outputs';
import type { ResultRecord } from '../tabular/store/result-record';

const work = mkdtempSync(join(tmpdir(), 'snn-full-'));
const full = join(work, 'full');
let skip: string | null = null;

beforeAll(() => {
  if (process.getuid?.() !== 0) {
    skip = 'mounting a small tmpfs needs root';
    return;
  }
  mkdirSync(full);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full], { stdio: 'ignore' });
  } catch (error) {
    skip = `mount -t tmpfs failed here: ${(error as Error).message.split('\n')[0]}`;
    return;
  }
  mkdirSync(join(full, 'run'));
  mkdirSync(join(full, 'figure1-state'));
  // Fill the disk: write until the kernel says ENOSPC.
  const fd = openSync(join(full, 'filler'), 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(4096, 1));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
});
afterAll(() => {
  if (skip === null) execFileSync('umount', [full]);
  rmSync(work, { recursive: true, force: true });
});

const tail = '— free some space and rerun the same command to resume';

describe('a full disk while writing reports and resume state', () => {
  it('a tabular report names the file, the configurations safely stored and how to resume', async (context) => {
    if (skip !== null) return context.skip(skip);
    const outDir = join(full, 'run');
    const storePath = join(work, 'store.jsonl');
    const records = [{ seconds: 1 }, { seconds: 2 }] as ResultRecord[];
    await expect(
      writeRunOutputs({
        benchmark: 'uci',
        plotName: 'uci-ranks',
        result: { ranks: [] },
        summary: { records, complete: true, trained: 0, resumed: 2, storePath },
        outDir,
        log: () => {},
        markdown: () => '# UCI\n',
        plot: () => ({}) as never,
      }),
    ).rejects.toThrow(
      `cannot write ${join(outDir, 'uci.json')}: no space left on the device (ENOSPC); 2 configurations are safely stored in ${storePath} ${tail} from them`,
    );
    // The atomic write left no temp file behind.
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('the Figure 1 resume state names its file; the state before it stays whole', async (context) => {
    if (skip !== null) return context.skip(skip);
    const dir = join(full, 'figure1-state');
    const store = figure1StateStore(dir);
    const state = {
      version: 1 as const,
      config: {} as never,
      curves: [],
      timings: {} as never,
      current: { index: 0, epoch: 3, weights: { specs: [], data: new ArrayBuffer(8192) } },
    };
    await expect(store.save(state)).rejects.toThrow(
      `cannot write ${join(dir, 'weights-0-3.bin')}: no space left on the device (ENOSPC); nothing stored in ${join(dir, 'state.json')} is lost ${tail}`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
