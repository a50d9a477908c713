import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { type TestRedis, haveRedis, startTestRedis } from '../../../../test/redis-server';
import { type SweepSummary, runSweep } from '../run/run-sweep';
import type { StoreRecord } from '../store/result-store';
import { STORE_FILE } from '../store/store-file';
import { sweep } from '../sweep/sweep';
import { cleanQueue, queueStatus } from './queue-admin';
import {
  TOY_HEADER,
  type ToyTask,
  startToyWorker,
  starts,
  toyTasks,
  waitFor,
  writeToyScripts,
} from './queue-fixtures';
import { queueRunId } from './queue-keys';
import { redisQueue } from './redis-queue';

interface ToyRecord extends StoreRecord {
  value: number;
}
type Model = {
  loadUnit(unit: string): Promise<{ xs: Float64Array }>;
  train(task: ToyTask, data: { xs: Float64Array }): Promise<ToyRecord>;
};

const storeLines = (outDir: string) =>
  readFileSync(join(outDir, STORE_FILE), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; key: string });

/** Lines in a store so far (0 before it exists). */
const storedLines = (outDir: string): number => {
  try {
    return storeLines(outDir).length;
  } catch {
    return 0;
  }
};

describe.skipIf(!haveRedis)('runSweep through a Redis queue (BullMQ)', () => {
  let dir: string;
  let scripts: ReturnType<typeof writeToyScripts>;
  let model: Model;
  let redis: TestRedis;
  let log: string;
  const workers: Array<ReturnType<typeof startToyWorker>> = [];

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'snn-queue-scripts-'));
    scripts = writeToyScripts(root, builtFile('sweep', 'index.js'));
    model = (await import(pathToFileURL(scripts.model).href)) as Model;
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-queue-'));
    log = join(dir, 'trained.log');
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A queue worker serving the toy's queueProcessor module, or with `module` its worker module. */
  const worker = (env: Record<string, string> = {}, module = scripts.processor) => {
    const w = startToyWorker(scripts.worker, redis.url, module, {
      SWEEP_TEST_LOG: log,
      ...env,
    });
    workers.push(w);
    return w;
  };
  const coordinate = (
    tasks: ToyTask[],
    out: string,
    retry: { attempts?: number } = {},
  ): Promise<SweepSummary<ToyRecord>> =>
    runSweep({
      outDir: out,
      header: TOY_HEADER,
      tasks,
      loadUnit: model.loadUnit,
      train: model.train,
      retryDelayMs: 100,
      ...retry,
      executor: redisQueue({ url: redis.url, version: '1', scanMs: 500 }),
    });

  it('stores the same records in process, on a local pool and through the queue — one worker module for both', async () => {
    redis = await startTestRedis();
    const tasks = toyTasks(20);
    const local = await runSweep({
      outDir: join(dir, 'local'),
      header: TOY_HEADER,
      tasks,
      loadUnit: model.loadUnit,
      train: model.train,
    });
    // The built localPool: it starts the built pool-worker entry with the toy's worker module.
    const { localPool } = (await import(
      pathToFileURL(builtFile('sweep', 'index.js')).href
    )) as typeof import('../index');
    const pooled = await runSweep({
      outDir: join(dir, 'pool'),
      header: TOY_HEADER,
      tasks,
      loadUnit: model.loadUnit,
      train: async () => {
        throw new Error('the pool trains in its worker processes, not here');
      },
      executor: localPool({ workers: 2, worker: scripts.workerModule }),
    });
    worker({}, scripts.workerModule);
    worker({}, scripts.workerModule);
    const queued = await coordinate(tasks, join(dir, 'queue'));
    expect(queued.complete).toBe(true);
    const sorted = (records: ToyRecord[]) => [...records].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(sorted(pooled.records)).toEqual(sorted(local.records));
    expect(sorted(queued.records)).toEqual(sorted(local.records));
    // Pool and queue trained in other processes, never in this one.
    expect(starts(log).every((s) => s.pid !== process.pid)).toBe(true);
    // value = k · Σ xs: unit a has Σ = 10, unit b 100.
    expect(queued.records.find((r) => r.key === 'b/k=3')!.value).toBe(300);
    expect(storeLines(join(dir, 'queue'))).toHaveLength(1 + tasks.length);
    expect(storeLines(join(dir, 'queue'))[0]).toEqual(storeLines(join(dir, 'local'))[0]);
  });

  it('sweep() through the queue: a trialWorker module gives the trials of an in-process sweep', async () => {
    redis = await startTestRedis();
    const dist = builtFile('sweep', 'index.js');
    const module = join(dir, 'line-worker.mjs');
    writeFileSync(
      module,
      `import { trialWorker } from ${JSON.stringify(pathToFileURL(dist).href)};
export const units = { a: () => [1, 2, 3], b: () => [2, 4] };
export const train = (config, xs, { seed }) => ({ error: xs.reduce((s, x) => s + (config.slope * x - 2 * x) ** 2, 0), noise: seed % 1000 });
export default trialWorker(train, { version: '1', units });
`,
    );
    const line = (await import(pathToFileURL(module).href)) as {
      units: Record<string, () => number[]>;
      train: (config: { slope: number }, xs: number[], c: { seed: number }) => object;
    };
    const options = { name: 'line', units: line.units, seed: 3, space: { slope: [0.5, 1, 2] } };
    const here = await sweep({ ...options, outDir: join(dir, 'here'), train: line.train });
    worker({}, module);
    const queued = await sweep({
      ...options,
      outDir: join(dir, 'queue'),
      train: async () => {
        throw new Error('the queue trains on its workers, not here');
      },
      executor: redisQueue({ url: redis.url, version: '1', scanMs: 500 }),
    });
    expect(queued).toMatchObject({ complete: true, trained: 6, failed: [] });
    const same = (t: { seconds: number }) => ({ ...t, seconds: 0 });
    expect(queued.trials.map(same)).toEqual(here.trials.map(same));
  });

  it('processes a task longer than the lock duration exactly once (sandboxed training)', async () => {
    redis = await startTestRedis();
    worker();
    worker();
    // 5 s of CPU that never yields, against a 2 s lock checked for stalls every second.
    const tasks = [{ key: 'a/k=1', unit: 'a', k: 1, ms: 5000 }];
    const summary = await coordinate(tasks, join(dir, 'out'));
    expect(summary.records.map((r) => r.key)).toEqual(['a/k=1']);
    expect(starts(log).map((s) => s.key)).toEqual(['a/k=1']);
  });

  it('a worker SIGKILLed mid-task: another worker trains that task and the run completes', async () => {
    redis = await startTestRedis();
    const first = worker();
    const tasks = [{ key: 'a/k=1', unit: 'a', k: 1, ms: 2000 }];
    const run = coordinate(tasks, join(dir, 'out'));
    await waitFor(() => starts(log).length === 1, 'the first worker to start training');
    first.kill();
    const second = worker();
    const summary = await run;
    expect(summary.complete).toBe(true);
    expect(summary.records.map((r) => r.value)).toEqual([10]);
    const pids = starts(log).map((s) => s.pid);
    expect(pids).toHaveLength(2);
    expect(pids[0]).not.toBe(pids[1]);
    expect(storeLines(join(dir, 'out'))).toHaveLength(2);
    expect(second.stderr()).not.toMatch(/failed/);
  });

  it('the coordinator SIGKILLed: rerunning resumes and trains nothing twice', async () => {
    redis = await startTestRedis();
    worker();
    const tasks = toyTasks(300);
    const out = join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const coordinator = spawn(
      process.execPath,
      [scripts.coordinator, redis.url, out, JSON.stringify(tasks)],
      { stdio: 'ignore' },
    );
    const exited = new Promise((r) => coordinator.once('exit', r));
    await waitFor(() => storedLines(out) >= 3, 'two stored records');
    coordinator.kill('SIGKILL');
    await exited;
    const summary = await coordinate(tasks, out);
    expect(summary.complete).toBe(true);
    expect(summary.resumed).toBeGreaterThanOrEqual(2);
    const trained = starts(log).map((s) => s.key);
    expect(new Set(trained).size).toBe(trained.length);
    expect(trained.sort()).toEqual(tasks.map((t) => t.key).sort());
    expect(storeLines(out)).toHaveLength(1 + tasks.length);
  });

  it('Redis restarted mid-run (append-only file): the run completes', async () => {
    redis = await startTestRedis({ persist: true });
    worker();
    const tasks = toyTasks(300);
    const out = join(dir, 'out');
    const run = coordinate(tasks, out);
    await waitFor(() => storedLines(out) >= 2, 'a stored record');
    await redis.kill();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();
    const summary = await run;
    expect(summary.complete).toBe(true);
    expect(summary.records).toHaveLength(tasks.length);
    expect(storeLines(out)).toHaveLength(1 + tasks.length);
  });

  it('a throwing task is tried `attempts` times, then recorded as failed while the rest completes', async () => {
    redis = await startTestRedis();
    worker();
    const tasks = [...toyTasks(10), { key: 'a/k=9', unit: 'a', k: 9, ms: 10, fail: true }];
    const summary = await coordinate(tasks, join(dir, 'out'), { attempts: 2 });
    expect(summary.complete).toBe(true);
    expect(summary.records).toHaveLength(6);
    expect(summary.failed).toEqual([
      { type: 'failed', key: 'a/k=9', error: 'cannot train a/k=9', attempts: 2 },
    ]);
    expect(starts(log).filter((s) => s.key === 'a/k=9')).toHaveLength(2);
    expect(storeLines(join(dir, 'out')).at(-1)).toMatchObject({ type: 'failed', key: 'a/k=9' });
  });

  it('a worker of another code version refuses the tasks with a clear message', async () => {
    redis = await startTestRedis();
    worker({ SWEEP_TEST_VERSION: '2' });
    const tasks = [{ key: 'a/k=1', unit: 'a', k: 1, ms: 10 }];
    const summary = await coordinate(tasks, join(dir, 'out'));
    expect(summary.records).toEqual([]);
    expect(summary.failed[0]!.error).toMatch(
      /refused a\/k=1: it runs code version 2, the run was made by 1; start workers from the same version/,
    );
    // Refused at once: no retries, nothing trained.
    expect(summary.failed[0]!.attempts).toBe(1);
    expect(starts(log)).toEqual([]);
  });

  it('queue status shows runs and workers; queue clean removes a finished run', async () => {
    redis = await startTestRedis();
    worker();
    const tasks = toyTasks(10);
    await coordinate(tasks, join(dir, 'out'));
    const run = queueRunId(TOY_HEADER, '1');
    const status = await queueStatus(redis.url);
    expect(status.runs).toMatchObject([
      {
        run,
        benchmark: 'toy',
        total: 6,
        stored: 6,
        failed: 0,
        waiting: 0,
        active: 0,
        etaSeconds: 0,
      },
    ]);
    expect(status.workers).toHaveLength(1);
    await expect(cleanQueue(redis.url, { run: 'nope' })).rejects.toThrow(/no run nope/);
    expect(await cleanQueue(redis.url)).toEqual([run]);
    expect((await queueStatus(redis.url)).runs).toEqual([]);
  });
});
