import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandAxes, pointId } from '../grid/expand-axes';
import { taskSeed } from '../grid/task-seed';
import { LOCK_FILE } from '../store/out-dir-lock';
import type { StoreHeader, StoreRecord } from '../store/result-store';
import { STORE_FILE } from '../store/store-file';
import { runSweep } from './run-sweep';

interface LineTask {
  key: string;
  unit: string;
  slope: number;
  seed: number;
}
interface LineRecord extends StoreRecord {
  error: number;
}

const header: StoreHeader = { type: 'run', benchmark: 'line', fingerprint: { seed: 1 } };
// Two data units × three slopes: the "model" is y = slope·x, its record the squared error.
const data: Record<string, number[]> = { a: [1, 2, 3], b: [2, 4] };
const tasks: LineTask[] = ['a', 'b'].flatMap((unit) =>
  expandAxes({ slope: [0.5, 1, 2] }).map((p) => {
    const key = `${unit}/${pointId(p)}`;
    return { key, unit, slope: p.slope, seed: taskSeed(1, key) };
  }),
);
const train = async (task: LineTask, xs: number[]): Promise<LineRecord> => ({
  type: 'result',
  key: task.key,
  error: xs.reduce((s, x) => s + (task.slope * x - 2 * x) ** 2, 0),
});

describe('runSweep', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-sweep-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (trained: string[] = []) =>
    runSweep({
      outDir: dir,
      header,
      tasks,
      loadUnit: async (unit) => data[unit]!,
      train: async (task, xs) => {
        trained.push(task.key);
        return train(task, xs);
      },
    });

  it('trains every task once, stores it, and a rerun resumes without training again', async () => {
    const first: string[] = [];
    const summary = await run(first);
    expect(summary.complete).toBe(true);
    expect(first.sort()).toEqual(tasks.map((t) => t.key).sort());
    // Σ over x of ((slope − 2)·x)²: unit a has Σx² = 14, unit b 20.
    const byKey = Object.fromEntries(summary.records.map((r) => [r.key, r.error]));
    expect(byKey['a/slope=0.5']).toBeCloseTo(1.5 ** 2 * 14);
    expect(byKey['b/slope=2']).toBe(0);
    const again: string[] = [];
    const resumed = await run(again);
    expect(again).toEqual([]);
    expect(resumed.resumed).toBe(tasks.length);
    const lines = readFileSync(join(dir, STORE_FILE), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + tasks.length);
  });

  it('names the compressed store it resumed from, and the plain one once it writes', async () => {
    await run();
    const plain = join(dir, STORE_FILE);
    writeFileSync(`${plain}.gz`, gzipSync(readFileSync(plain)));
    rmSync(plain);
    const started: string[] = [];
    const finished = await runSweep({
      outDir: dir,
      header,
      tasks,
      loadUnit: async (unit) => data[unit]!,
      train,
      onStart: (start) => started.push(start.storePath),
    });
    expect(finished.resumed).toBe(tasks.length);
    expect(started).toEqual([`${plain}.gz`]);
    // One task more: the run decompresses the store and writes to store.jsonl.
    const more = [
      ...tasks,
      { key: 'b/slope=3', unit: 'b', slope: 3, seed: taskSeed(1, 'b/slope=3') },
    ];
    await runSweep({
      outDir: dir,
      header,
      tasks: more,
      loadUnit: async (unit) => data[unit]!,
      train,
      onStart: (start) => started.push(start.storePath),
    });
    expect(started).toEqual([`${plain}.gz`, `${plain}.gz`]);
    expect(readFileSync(plain, 'utf8').trimEnd().split('\n')).toHaveLength(2 + tasks.length);
  });

  it('refuses a second run on a folder in use, naming the running process', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = runSweep({
      outDir: dir,
      header,
      tasks,
      loadUnit: async (unit) => data[unit]!,
      train: async (task, xs) => {
        await gate;
        return train(task, xs);
      },
    });
    await expect(run()).rejects.toThrow(
      new RegExp(`in use by another run: pid ${process.pid} on ${hostname()}`),
    );
    release();
    expect((await first).complete).toBe(true);
  });

  it('refuses a lock held by another live process and takes over one left by a dead process', async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const owner = { pid: live.pid, host: hostname(), started: 'then', command: 'other run' };
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner));
      await expect(run()).rejects.toThrow(
        new RegExp(`pid ${live.pid} on ${hostname()} since then \\(other run\\)`),
      );
    } finally {
      live.kill('SIGKILL');
    }
    const dead = spawnSync(process.execPath, ['-e', '0']);
    const gone = { pid: dead.pid, host: hostname(), started: 'then', command: 'killed run' };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(gone));
    expect((await run()).complete).toBe(true);
    // The lock is released when the run ends.
    expect(() => readFileSync(join(dir, LOCK_FILE))).toThrow(/ENOENT/);
  });
});
