import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StoreHeader } from '../store/result-store';

/** A toy task: `value = k · Σ xs(unit)`, trained by spinning the CPU for `ms` without yielding. */
export interface ToyTask {
  key: string;
  unit: string;
  k: number;
  ms: number;
  fail?: boolean;
}

export const TOY_HEADER: StoreHeader = { type: 'run', benchmark: 'toy', fingerprint: { seed: 1 } };

/** Tasks over units a and b with k = 1, 2, 3. */
export function toyTasks(ms: number, extra: Partial<ToyTask> = {}): ToyTask[] {
  return ['a', 'b'].flatMap((unit) =>
    [1, 2, 3].map((k) => ({ key: `${unit}/k=${k}`, unit, k, ms, ...extra })),
  );
}

/**
 * Writes the toy model, its worker module (the default export a local pool and a queue worker
 * both load), a sandboxed processor, a queue worker and a coordinator script into `dir`, all
 * importing the built package whose `index.js` is `dist`. Every training start appends
 * `start <key> <pid>` to the file named by `SWEEP_TEST_LOG`.
 */
export function writeToyScripts(dir: string, dist: string) {
  const from = JSON.stringify(pathToFileURL(dist).href);
  const fromRedis = JSON.stringify(pathToFileURL(join(dirname(dist), 'redis.js')).href);
  const model = join(dir, 'model.mjs');
  writeFileSync(
    model,
    `import { appendFileSync } from 'node:fs';
export const loadUnit = async (unit) => ({ xs: Float64Array.from([1, 2, 3, 4], (x) => x * (unit === 'a' ? 1 : 10)) });
export const train = async (task, data) => {
  if (process.env.SWEEP_TEST_LOG) appendFileSync(process.env.SWEEP_TEST_LOG, 'start ' + task.key + ' ' + process.pid + '\\n');
  const until = Date.now() + task.ms;
  while (Date.now() < until) {}
  if (task.fail) throw new Error('cannot train ' + task.key);
  return { type: 'result', key: task.key, value: task.k * data.xs.reduce((a, b) => a + b, 0) };
};
`,
  );
  const workerModule = join(dir, 'toy-worker.mjs');
  writeFileSync(
    workerModule,
    `import { loadUnit, train } from './model.mjs';
export default {
  version: process.env.SWEEP_TEST_VERSION ?? '1',
  acceptTask: (header, task) => {
    if (header.benchmark !== 'toy') throw new Error('unknown benchmark ' + header.benchmark);
    return task;
  },
  loadUnit: (header, unit) => loadUnit(unit),
  train,
};
`,
  );
  const processor = join(dir, 'processor.mjs');
  writeFileSync(
    processor,
    `import { queueProcessor } from ${fromRedis};
import worker from './toy-worker.mjs';
export default queueProcessor(worker);
`,
  );
  const worker = join(dir, 'worker.mjs');
  writeFileSync(
    worker,
    `import { serveQueue } from ${fromRedis};
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
process.on('SIGINT', () => stop.abort());
const data = process.env.SWEEP_TEST_DATA;
// A module ending in -worker.mjs is a SweepWorker module; any other a queueProcessor module.
const module = process.argv[3];
await serveQueue({ url: process.argv[2], ...(module.endsWith('-worker.mjs') ? { worker: module } : { processor: module }),
  version: '1', concurrency: 1,
  lockDuration: 2000, stalledInterval: 1000, log: (line) => process.stderr.write(line + '\\n'), signal: stop.signal,
  ...(data === undefined ? {} : { dataLocations: JSON.parse(data) }) });
process.exit(0);
`,
  );
  const coordinator = join(dir, 'coordinator.mjs');
  writeFileSync(
    coordinator,
    `import { runSweep } from ${from};
import { redisQueue } from ${fromRedis};
import { loadUnit, train } from './model.mjs';
const [url, outDir, tasks] = process.argv.slice(2);
const connect = process.env.SWEEP_TEST_CONNECT_MS;
const summary = await runSweep({ outDir, header: ${JSON.stringify(TOY_HEADER)}, tasks: JSON.parse(tasks), loadUnit, train,
  log: (line) => process.stderr.write(line + '\\n'), retryDelayMs: 100,
  executor: redisQueue({ url, version: '1', scanMs: 500, ...(connect === undefined ? {} : { connectTimeoutMs: Number(connect) }) }) });
process.stdout.write(JSON.stringify({ complete: summary.complete, trained: summary.trained }));
`,
  );
  return { model, workerModule, processor, worker, coordinator };
}

/** Starts a worker process in its own process group (so its sandbox dies with it). */
export function startToyWorker(
  script: string,
  url: string,
  processor: string,
  env: Record<string, string>,
) {
  const child = spawn(process.execPath, [script, url, processor], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    /** SIGKILLs the worker and its sandboxed children. */
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The `start <key> <pid>` lines of a training log. */
export function starts(log: string): Array<{ key: string; pid: number }> {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('start '))
    .map((l) => {
      const [, key, pid] = l.split(' ');
      return { key: key!, pid: Number(pid) };
    });
}

/** Polls `check` every 50 ms until it holds (or `ms` pass, then throws `what`). */
export async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
