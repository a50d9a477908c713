import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecutorRun } from '../executor/executor';
import type { FailedRecord, StoreHeader, StoreRecord } from '../store/result-store';
import { localPool } from './local-pool';

// A stand-in worker speaking the pool's protocol: result = sum of the unit's data × task.k.
// k = 'crash' exits with code 3 mid-task, k = 'throw' fails the task, a missing unit fails it.
const WORKER = `
const units = new Map();
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'unit') units.set(m.unit, m.data);
  else if (m.type === 'drop') units.delete(m.unit);
  else if (m.type === 'task') {
    const data = units.get(m.task.unit);
    if (m.task.k === 'crash') process.exit(3);
    if (m.task.k === 'throw') return process.send({ type: 'failed', key: m.task.key, message: 'cannot train ' + m.task.key });
    if (!data) return process.send({ type: 'failed', key: m.task.key, message: 'no data for ' + m.task.unit });
    const sum = data.values.reduce((a, b) => a + b, 0);
    process.send({ type: 'result', key: m.task.key, result: { type: 'result', key: m.task.key, sum: sum * m.task.k, pid: process.pid, held: units.size } });
  }
});
if (process.connected) process.send({ type: 'ready' }, () => {});
`;

interface Task {
  key: string;
  unit: string;
  k: number | 'crash' | 'throw';
}
interface Result extends StoreRecord {
  sum: number;
  pid: number;
  held: number;
}
const header: StoreHeader = { type: 'run', benchmark: 'pool', fingerprint: {} };

describe('localPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-pool-'));
  const script = join(dir, 'worker.cjs');
  writeFileSync(script, WORKER);
  const silent = join(dir, 'exits.cjs');
  writeFileSync(silent, 'process.exit(5);');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const units: Record<string, { values: Float32Array }> = {
    a: { values: Float32Array.from([1, 2]) },
    b: { values: Float32Array.from([10]) },
    c: { values: Float32Array.from([100]) },
  };
  const tasks: Task[] = [];
  for (const unit of ['a', 'b', 'c']) {
    for (let k = 1; k <= 4; k++) tasks.push({ key: `${unit}${k}`, unit, k });
  }

  /** Runs `list` on the pool; returns results, failures and how often each unit was loaded. */
  const runOn = async (list: Task[], workers = 2, attempts = 2, command = script) => {
    const results: Record<string, Result> = {};
    const failed: FailedRecord[] = [];
    let loads = 0;
    const run: ExecutorRun<Task, { values: Float32Array }, Result> = {
      tasks: list,
      header,
      outDir: dir,
      retry: { attempts, retryDelayMs: 0 },
      loadUnit: async (unit) => {
        loads++;
        return units[unit]!;
      },
      train: async () => {
        throw new Error('not in process');
      },
      onResult: (task, r) => {
        expect(results[task.key]).toBeUndefined();
        results[task.key] = r;
      },
      onFailed: (_, f) => {
        failed.push(f);
      },
    };
    await localPool({ workers, command: { script: command, args: [] }, unitsPerWorker: 2 }).run(
      run,
    );
    return { results, failed, loads };
  };

  it('runs every task once on two worker processes, sending each unit only when needed', async () => {
    const { results, loads } = await runOn(tasks);
    for (const t of tasks) {
      const sum = units[t.unit]!.values.reduce((s, v) => s + v, 0);
      expect(results[t.key]!.sum).toBe(sum * (t.k as number));
      expect(results[t.key]!.held).toBeLessThanOrEqual(2);
    }
    const pids = new Set(Object.values(results).map((r) => r.pid));
    // Results came from worker processes, never from this one.
    expect(pids.has(process.pid)).toBe(false);
    expect(pids.size).toBeLessThanOrEqual(2);
    expect(loads).toBe(3);
  });

  it('retries a task that throws, then records it as failed while the rest completes', async () => {
    const { results, failed } = await runOn(
      [...tasks.slice(0, 3), { key: 'bad', unit: 'a', k: 'throw' }],
      2,
      3,
    );
    expect(Object.keys(results).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(failed).toEqual([
      { type: 'failed', key: 'bad', error: 'cannot train bad', attempts: 3 },
    ]);
  });

  it('a worker that dies mid-task is replaced: the try counts, the task is recorded failed after the last', async () => {
    const { results, failed } = await runOn(
      [{ key: 'boom', unit: 'a', k: 'crash' }, ...tasks.slice(0, 2)],
      1,
    );
    expect(Object.keys(results).sort()).toEqual(['a1', 'a2']);
    expect(failed).toEqual([
      {
        type: 'failed',
        key: 'boom',
        error: 'worker 1 exited (code 3) while training boom',
        attempts: 2,
      },
    ]);
  });

  it('a worker that exits before it is ready fails the run, naming the options to check', async () => {
    await expect(runOn(tasks, 2, 2, silent)).rejects.toThrow(
      /worker \d \(.*exits\.cjs\) exited \(code 5\) before it was ready; .*`worker` or `command`/,
    );
  });

  it('names the option when it is wrong', () => {
    expect(() => localPool({ workers: 0, command: { script, args: [] } })).toThrow(
      /localPool: `workers` must be an integer ≥ 1, got 0/,
    );
    expect(() => localPool({ workers: 2 })).toThrow(/localPool: pass `worker` .* or `command`/);
    expect(() => localPool({ workers: 2, worker: script, command: { script, args: [] } })).toThrow(
      /not both/,
    );
  });
});
