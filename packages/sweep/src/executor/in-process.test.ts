import { describe, expect, it } from 'vitest';
import type { FailedRecord, StoreRecord } from '../store/result-store';
import { inProcess } from './in-process';
import { retryPolicy } from './retry-policy';

interface Task {
  key: string;
  unit: string;
}

describe('inProcess', () => {
  const run = async (train: (task: Task, data: number) => Promise<StoreRecord>, attempts = 3) => {
    const records: StoreRecord[] = [];
    const failed: FailedRecord[] = [];
    const loads: string[] = [];
    const log: string[] = [];
    await inProcess().run<Task, number, StoreRecord>({
      tasks: [
        { key: 'a/1', unit: 'a' },
        { key: 'a/2', unit: 'a' },
        { key: 'b/1', unit: 'b' },
      ],
      header: { type: 'run', benchmark: 't', fingerprint: {} },
      outDir: '.',
      retry: { attempts, retryDelayMs: 0 },
      loadUnit: async (unit) => {
        loads.push(unit);
        return unit.length;
      },
      train,
      onResult: (_, r) => {
        records.push(r);
      },
      onFailed: (_, f) => {
        failed.push(f);
      },
      log: (line) => log.push(line),
    });
    return { records, failed, loads, log };
  };

  it('trains in order, loading each unit once', async () => {
    const { records, loads } = await run(async (task) => ({ type: 'result', key: task.key }));
    expect(records.map((r) => r.key)).toEqual(['a/1', 'a/2', 'b/1']);
    expect(loads).toEqual(['a', 'b']);
  });

  it('retries a throwing task under the policy, then records it as failed with the last error', async () => {
    let tries = 0;
    const { records, failed, log } = await run(async (task) => {
      if (task.key === 'a/2') throw new Error(`boom ${++tries}`);
      return { type: 'result', key: task.key };
    });
    expect(records.map((r) => r.key)).toEqual(['a/1', 'b/1']);
    expect(failed).toEqual([{ type: 'failed', key: 'a/2', error: 'boom 3', attempts: 3 }]);
    expect(log[0]).toMatch(/a\/2: try 1 of 3 failed \(boom 1\); retrying in 0 ms/);
  });

  it('a task that succeeds on a retry stores its record', async () => {
    let tries = 0;
    const { records, failed } = await run(async (task) => {
      if (task.key === 'b/1' && ++tries < 2) throw new Error('flaky');
      return { type: 'result', key: task.key };
    });
    expect(records.map((r) => r.key)).toEqual(['a/1', 'a/2', 'b/1']);
    expect(failed).toEqual([]);
  });
});

describe('retryPolicy', () => {
  it('applies the defaults and names the option it refuses', () => {
    expect(retryPolicy()).toEqual({ attempts: 3, retryDelayMs: 1000 });
    expect(() => retryPolicy({ attempts: 0 })).toThrow(/`attempts` must be an integer ≥ 1.*got 0/);
    expect(() => retryPolicy({ retryDelayMs: -1 })).toThrow(
      /`retryDelayMs` must be .* ≥ 0, got -1/,
    );
  });
});
