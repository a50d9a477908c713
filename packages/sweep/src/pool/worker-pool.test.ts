import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type PoolTask, runPool } from './worker-pool';

// A stand-in worker speaking the pool's protocol: result = sum of the unit's data × payload.
const WORKER = `
const units = new Map();
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'unit') units.set(m.unit, m.data);
  else if (m.type === 'drop') units.delete(m.unit);
  else if (m.type === 'task') {
    const data = units.get(m.task.unit);
    if (m.task.payload === 'crash') process.exit(3);
    if (!data) return process.send({ type: 'failed', id: m.task.id, message: 'no data for ' + m.task.unit });
    const sum = data.values.reduce((a, b) => a + b, 0);
    process.send({ type: 'result', id: m.task.id, result: { sum: sum * m.task.payload, pid: process.pid, held: units.size } });
  }
});
if (process.connected) process.send({ type: 'ready' }, () => {});
`;

describe('runPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-pool-'));
  const script = join(dir, 'worker.cjs');
  writeFileSync(script, WORKER);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const units: Record<string, { values: Float32Array }> = {
    a: { values: Float32Array.from([1, 2]) },
    b: { values: Float32Array.from([10]) },
    c: { values: Float32Array.from([100]) },
  };
  const tasks: PoolTask<number>[] = [];
  for (const unit of ['a', 'b', 'c']) {
    for (let k = 1; k <= 4; k++) tasks.push({ id: `${unit}${k}`, unit, payload: k });
  }
  const expected = Object.fromEntries(
    tasks.map((t) => [t.id, units[t.unit]!.values.reduce((s, v) => s + v, 0) * t.payload]),
  );

  it('runs every task once on two worker processes, sending each unit only when needed', async () => {
    const results: Record<string, number> = {};
    const pids = new Set<number>();
    let loads = 0;
    await runPool(tasks, {
      workers: 2,
      command: { script, args: [] },
      unitsPerWorker: 2,
      execute: async () => {
        throw new Error('not in process');
      },
      loadUnit: async (unit) => {
        loads++;
        return units[unit];
      },
      onResult: (task, r: { sum: number; pid: number; held: number }) => {
        expect(results[task.id]).toBeUndefined();
        results[task.id] = r.sum;
        pids.add(r.pid);
        expect(r.held).toBeLessThanOrEqual(2);
      },
    });
    expect(results).toEqual(expected);
    // Results came from worker processes, never from this one.
    expect(pids.has(process.pid)).toBe(false);
    expect(pids.size).toBeLessThanOrEqual(2);
    expect(loads).toBe(3);
  });

  it('runs in process with workers = 1', async () => {
    const results: Record<string, number> = {};
    await runPool(tasks, {
      workers: 1,
      execute: async (task, data: { values: Float32Array }) =>
        data.values.reduce((s, v) => s + v, 0) * task.payload,
      loadUnit: async (unit) => units[unit]!,
      onResult: (task, r: number) => {
        results[task.id] = r;
      },
    });
    expect(results).toEqual(expected);
  });

  it('fails the run, naming the task, when a worker dies', async () => {
    const run = runPool([{ id: 'boom', unit: 'a', payload: 'crash' as unknown as number }], {
      workers: 2,
      command: { script, args: [] },
      execute: async () => 0,
      loadUnit: async (unit) => units[unit],
      onResult: () => {},
    });
    await expect(run).rejects.toThrow(/exited \(code 3\) while training boom/);
  });
});
