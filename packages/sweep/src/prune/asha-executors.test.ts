import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { type TestRedis, haveRedis, startTestRedis } from '../../../../test/redis-server';
import { cleanQueue } from '../redis/queue-admin';
import { startToyWorker, waitFor, writeToyScripts } from '../redis/queue-fixtures';
import { connectQueue } from '../redis/queue-url';
import { redisQueue } from '../redis/redis-queue';
import { STORE_FILE } from '../store/store-file';
import { type SweepResult, sweep } from '../sweep/sweep';
import { asha } from './asha';
import { promotes } from './promotes';
import { RUNG_KEY_PREFIX } from './redis-rungs';
import { RUNGS_FILE, type RungRecord } from './rung-log';

// A model whose value is q·scale at every epoch (9 epochs of `ASHA_EPOCH_MS` each); every
// report is logged as `report <key> <epoch> <decision> <pid>`. With ASHA_KILL_KEY the process
// that first reaches that trial's second epoch SIGKILLs itself (once: ASHA_KILL_MARK).
const MODEL = `import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
export const units = { a: () => 1, b: () => 2 };
export const train = async (config, scale, ctx) => {
  const env = process.env;
  let epoch = 0;
  while (epoch < 9) {
    epoch++;
    const until = Date.now() + Number(env.ASHA_EPOCH_MS ?? 0);
    while (Date.now() < until) {}
    if (ctx.key === env.ASHA_KILL_KEY && epoch === 2 && !existsSync(env.ASHA_KILL_MARK)) {
      writeFileSync(env.ASHA_KILL_MARK, '');
      process.kill(process.pid, 'SIGKILL');
    }
    const decision = await ctx.report(epoch, config.q * scale);
    if (env.ASHA_TEST_LOG) appendFileSync(env.ASHA_TEST_LOG, ['report', ctx.key, epoch, decision, process.pid].join(' ') + '\\n');
    if (decision === 'prune') break;
  }
  return { value: config.q * scale, epochs: epoch };
};
`;

const SPACE = { q: [0.9, 0.1, 0.5, 0.7, 0.3, 0.8] };
const PRUNE = asha({ minResource: 1, reductionFactor: 2, maxResource: 9 });
type Result = SweepResult<{ q: number }, { value: number; epochs: number }>;

/** Every pruned trial stopped at a rung epoch; trials that were not pruned trained all 9. */
function expectPrunedAtRungs(result: Result): void {
  for (const t of result.trials) {
    if (t.pruned === undefined) expect(t.metrics.epochs).toBe(9);
    else {
      expect([1, 2, 4, 8]).toContain(t.pruned);
      expect(t.metrics.epochs).toBe(t.pruned);
    }
    expect(t.metrics.value).toBe(t.config.q * (t.unit === 'a' ? 1 : 2));
  }
}

/** Reports of the log: key → epoch → decisions (one per training of the trial). */
function reports(log: string): Map<string, Map<number, string[]>> {
  const out = new Map<string, Map<number, string[]>>();
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    const [, key, epoch, decision] = line.split(' ');
    if (!out.has(key!)) out.set(key!, new Map());
    const byEpoch = out.get(key!)!;
    byEpoch.set(Number(epoch), [...(byEpoch.get(Number(epoch)) ?? []), decision!]);
  }
  return out;
}

describe('ASHA on worker processes', () => {
  let dir: string;
  let module: string;
  let model: { units: Record<string, () => number>; train: never };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'snn-asha-pool-'));
    const dist = pathToFileURL(builtFile('sweep', 'index.js')).href;
    writeFileSync(join(dir, 'asha-model.mjs'), MODEL);
    module = join(dir, 'asha-worker.mjs');
    writeFileSync(
      module,
      `import { trialWorker } from ${JSON.stringify(dist)};
import { train, units } from './asha-model.mjs';
export default trialWorker(train, { units, version: '1' });
`,
    );
    model = await import(pathToFileURL(join(dir, 'asha-model.mjs')).href);
  });
  let redis: TestRedis | undefined;
  const workers: Array<ReturnType<typeof startToyWorker>> = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await redis?.stop();
    redis = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('local pool: every decision is the rule on the rung records before it; a killed worker’s trial keeps its answers', async () => {
    const { localPool } = (await import(
      pathToFileURL(builtFile('sweep', 'index.js')).href
    )) as typeof import('../index');
    const log = join(dir, 'reports.log');
    // The killed trial is unit a's best (q = 0.9): promoted at every rung whatever arrived before
    // it, so it always reaches the epoch where its worker dies. (Which of the others go on depends
    // on the order two workers report in; a retried trial getting its stored answer even where a
    // new decision would differ is tested on the rung log itself, asha.test.ts.)
    const env = {
      ASHA_EPOCH_MS: '5',
      ASHA_TEST_LOG: log,
      ASHA_KILL_KEY: 'a/q=0.9',
      ASHA_KILL_MARK: join(dir, 'killed'),
    };
    const options = {
      name: 'asha-pool',
      outDir: join(dir, 'out'),
      units: model.units,
      seed: 1,
      space: SPACE,
      prune: PRUNE,
      train: model.train,
      retryDelayMs: 0,
      executor: localPool({ workers: 2, worker: module, env }),
    };
    const result = (await sweep(options)) as Result;
    expect(result).toMatchObject({ complete: true, trained: 12, failed: [] });
    expectPrunedAtRungs(result);
    // rungs.jsonl in arrival order: each decision is promotes() on its bracket's rung so far.
    const rungs = readFileSync(join(dir, 'out', RUNGS_FILE), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l) as RungRecord);
    const seen = new Map<string, Array<number | null>>();
    for (const r of rungs) {
      const id = `${r.bracket}@${r.rung}`;
      const before = [...(seen.get(id) ?? []), r.value];
      seen.set(id, before);
      expect(r.promoted).toBe(promotes(r.value, before, 2, 'max'));
    }
    expect(new Set(rungs.map((r) => r.key)).size).toBe(rungs.length);
    // The killed trial was trained twice; its first rung was answered the same both times.
    expect(existsSync(env.ASHA_KILL_MARK)).toBe(true);
    const killed = reports(log).get('a/q=0.9')!;
    expect(killed.get(1)).toHaveLength(2);
    expect(new Set(killed.get(1))).toHaveLength(1);
    const again = await sweep(options);
    expect(again).toMatchObject({ trained: 0, resumed: 12, complete: true });
  });

  describe.skipIf(!haveRedis)('through a Redis queue (real redis-server)', () => {
    it('decides in Redis across workers; a worker killed mid-trial and a rerun that trains nothing', async () => {
      const server = await startTestRedis();
      redis = server;
      const scripts = writeToyScripts(dir, builtFile('sweep', 'index.js'));
      const log = join(dir, 'reports.log');
      const start = () => {
        const w = startToyWorker(scripts.worker, server.url, module, {
          ASHA_EPOCH_MS: '120',
          ASHA_TEST_LOG: log,
        });
        workers.push(w);
        return w;
      };
      const first = start();
      start();
      const options = {
        name: 'asha-queue',
        outDir: join(dir, 'out'),
        units: model.units,
        seed: 1,
        space: SPACE,
        prune: PRUNE,
        train: model.train,
        retryDelayMs: 100,
        executor: redisQueue({ url: server.url, version: '1', scanMs: 500 }),
      };
      const run = sweep(options) as Promise<Result>;
      // Kill the first worker (and its sandbox) once it has answered a rung and trains on.
      let victim = '';
      await waitFor(() => {
        const mine = readLog(log).filter((l) => l[4] === firstPid());
        const found = mine.find((l) => l[3] === 'continue');
        victim = found?.[1] ?? '';
        return victim !== '';
      }, 'a rung answered on the first worker');
      first.kill();
      const result = await run;
      expect(result).toMatchObject({ complete: true, trained: 12, failed: [] });
      expectPrunedAtRungs(result);
      expect(result.trials.some((t) => t.pruned !== undefined)).toBe(true);
      // The victim was trained again by the other worker, with the same answers at its rungs.
      const victimReports = reports(log).get(victim)!;
      expect(victimReports.get(1)!.length).toBeGreaterThanOrEqual(2);
      for (const answers of victimReports.values()) expect(new Set(answers).size).toBe(1);
      // Every rung decision is stored once in Redis; the store holds one line per trial.
      const lines = readFileSync(join(dir, 'out', STORE_FILE), 'utf8')
        .trim()
        .split('\n');
      expect(lines).toHaveLength(1 + 12);
      const before = readFileSync(log, 'utf8');
      const again = await sweep(options);
      expect(again).toMatchObject({ trained: 0, resumed: 12, complete: true });
      expect(readFileSync(log, 'utf8')).toBe(before);
      // `queue clean` removes the finished run's rungs with its jobs.
      const redisClient = connectQueue(server.url);
      try {
        expect((await redisClient.keys(`${RUNG_KEY_PREFIX}:*`)).length).toBeGreaterThan(0);
        await cleanQueue(server.url);
        expect(await redisClient.keys(`${RUNG_KEY_PREFIX}:*`)).toEqual([]);
      } finally {
        redisClient.disconnect();
      }

      function firstPid(): string {
        // The sandboxed child trains; its parent is the worker we started.
        const children = readFileSync(
          `/proc/${first.child.pid}/task/${first.child.pid}/children`,
          'utf8',
        );
        return children.trim().split(' ')[0] ?? '';
      }
    }, 60_000);
  });
});

function readLog(log: string): string[][] {
  try {
    return readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
  } catch {
    return [];
  }
}
