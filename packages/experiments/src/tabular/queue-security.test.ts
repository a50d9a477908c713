/**
 * The queue as an attacker or a careless user meets it, through the built `snn` CLI and a real
 * redis-server: a refused login never shows the user or password in any output and ends every
 * one-shot command and coordinator at once, an unreachable Redis ends them after
 * --connect-timeout, a worker stops on the first SIGTERM; and `snn worker`, under a 2 GB
 * address-space limit, refuses hostile jobs (sizes over the limits, data outside --data) at
 * once, without retries. Skipped with a message when redis-server is absent; the coordinator
 * case also needs ../shared/data/uci121/data.tar.gz.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  QUEUE_JOB_FORMAT,
  QUEUE_NAME,
  QUEUE_PREFIX,
  connectQueue,
  queueRunId,
} from '@snn/sweep/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { type TestRedis, freePort, haveRedis, startTestRedis } from '../../../../test/redis-server';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const archive = join(root, '../shared/data/uci121/data.tar.gz');
/** What this test uses of BullMQ, the queue's optional peer dependency: the producer's side. */
interface JobQueue {
  add(name: string, data: unknown, options: object): Promise<unknown>;
  getJobState(id: string): Promise<string>;
  close(): Promise<void>;
}
const { Queue } = createRequire(join(root, 'packages', 'sweep', 'package.json'))('bullmq') as {
  Queue: new (name: string, options: object) => JobQueue;
};
const USER = 'snn-queue-user-51d2';
const PASSWORD = 'wrong-pw-0e77c4';

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

const children = new Set<ChildProcess>();

/** Runs the CLI (optionally under `ulimit -v`); `stop` sends SIGTERM after that many ms. */
function snn(
  cli: string,
  args: string[],
  options: { env?: Record<string, string>; stopAfterMs?: number; limitKiB?: number } = {},
): Promise<Run> & { child: ChildProcess } {
  const started = Date.now();
  const child =
    options.limitKiB === undefined
      ? spawn(process.execPath, [cli, ...args], {
          env: { ...process.env, ...options.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(
          'bash',
          ['-c', `ulimit -v ${options.limitKiB} && exec "$0" "$@"`, process.execPath, cli, ...args],
          { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
  children.add(child);
  let output = '';
  child.stdout!.on('data', (c) => {
    output += String(c);
  });
  child.stderr!.on('data', (c) => {
    output += String(c);
  });
  let signalled = 0;
  if (options.stopAfterMs !== undefined) {
    setTimeout(() => {
      signalled = Date.now();
      child.kill('SIGTERM');
    }, options.stopAfterMs);
  }
  const done = new Promise<Run>((resolve) => {
    child.on('close', (code) => {
      children.delete(child);
      const end = Date.now();
      resolve({ code, output, seconds: (end - (signalled || started)) / 1000 });
    });
  });
  return Object.assign(done, { child });
}

describe.skipIf(!haveRedis)('snn and an untrusted queue (real redis-server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-queue-security-'));
  let cli: string;
  let redis: TestRedis;
  let wrongFile: string;
  let wrongUrl: string;

  beforeAll(async () => {
    cli = builtFile('experiments', 'cli.js');
    redis = await startTestRedis({ password: 'the-real-password' });
    wrongUrl = `redis://${USER}:${PASSWORD}@127.0.0.1:${redis.port}/0`;
    wrongFile = join(dir, 'queue-url');
    writeFileSync(wrongFile, `${wrongUrl}\n`);
    chmodSync(wrongFile, 0o600);
    writeFileSync(
      join(dir, 'grid.json'),
      JSON.stringify({
        epochs: 2,
        batchSize: 16,
        archs: { snn: { depth: [1], width: [8], lr: [0.1] } },
      }),
    );
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const secretFree = (run: Run) => {
    expect(run.output).not.toContain(PASSWORD);
    expect(run.output).not.toContain(USER);
  };
  const refusedLogin =
    /cannot log in to the queue redis:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/0: Redis refused the login \(WRONGPASS/;
  const expectRefusedLogin = (run: Run) => {
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(refusedLogin);
    expect(run.seconds).toBeLessThan(25);
    secretFree(run);
  };

  it('a refused login: queue status and queue clean end at once; a worker stops on SIGTERM; no output shows the login', async () => {
    const status = await snn(cli, ['queue', 'status', '--queue-file', wrongFile]);
    const clean = await snn(cli, ['queue', 'clean'], { env: { SNN_QUEUE_URL: wrongUrl } });
    const worker = await snn(cli, ['worker', '--backend', 'cpu'], {
      env: { SNN_QUEUE_URL: wrongUrl },
      stopAfterMs: 4000,
    });
    for (const run of [status, clean]) expectRefusedLogin(run);
    expect(worker.code, worker.output).toBe(0);
    expect(worker.seconds).toBeLessThan(5);
    expect(worker.output).toMatch(/^worker: serving redis:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/0/);
    expect(worker.output).toMatch(/worker: WRONGPASS .*\(retrying with back-off/);
    expect(worker.output.trim().split('\n').length).toBeLessThanOrEqual(5);
    secretFree(worker);
  });

  // A coordinator plans from the data before it connects, so it needs the real archive.
  it.runIf(existsSync(archive))(
    'a refused login ends a coordinator at once, and its output does not show the login',
    async () => {
      const coordinator = await snn(cli, [
        'uci',
        '--datasets',
        'iris',
        '--archs',
        'snn',
        '--archive',
        archive,
        '--grid',
        join(dir, 'grid.json'),
        '--backend',
        'cpu',
        '--out',
        join(dir, 'out'),
        '--queue-file',
        wrongFile,
      ]);
      expectRefusedLogin(coordinator);
    },
  );

  it('an unreachable Redis: queue status ends after --connect-timeout with what to check', async () => {
    const url = `redis://${USER}:${PASSWORD}@127.0.0.1:${await freePort()}/0`;
    const run = await snn(cli, ['queue', 'status', '--connect-timeout', '1.5'], {
      env: { SNN_QUEUE_URL: url },
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(
      /^snn status: error: cannot reach the queue redis:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/0 within 1\.5 s \(last error: connect ECONNREFUSED .*\); check that redis-server runs there/m,
    );
    expect(run.seconds).toBeGreaterThanOrEqual(1.4);
    expect(run.seconds).toBeLessThan(10);
    secretFree(run);
  });

  it('no URL anywhere, or both flags: a usage error that says how to pass it', async () => {
    const env = { SNN_QUEUE_URL: '' };
    const none = await snn(cli, ['queue', 'status'], { env });
    expect(none.code).toBe(2);
    expect(none.output).toMatch(/no queue URL: pass --queue-file <path> or set SNN_QUEUE_URL/);
    const both = await snn(cli, [
      'queue',
      'status',
      '--queue',
      wrongUrl,
      '--queue-file',
      wrongFile,
    ]);
    expect(both.code).toBe(2);
    expect(both.output).toMatch(/--queue and --queue-file were both given/);
    secretFree(both);
  });
});

describe.skipIf(!haveRedis)(
  'snn worker and hostile jobs (real redis-server, 2 GB address space)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-hostile-jobs-'));
    const data = join(dir, 'data');
    let redis: TestRedis;
    let client: ReturnType<typeof connectQueue>;
    let queue: JobQueue;
    let worker: ReturnType<typeof snn>;
    let version: string;

    const grid = (axes: object, epochs = 2) => ({
      name: 'g',
      epochs,
      batchSize: 16,
      archs: { snn: axes },
    });
    const uciHeader = (g: object) => ({
      type: 'run' as const,
      benchmark: 'uci',
      fingerprint: {
        datasets: [{ name: 'iris', samples: 150, features: 4, classes: 3, testSource: 'fold' }],
        skipped: [],
        archs: ['snn'],
        split: 'paper',
        grid: g,
        seed: 1,
        validationFraction: 0.2,
        smoothingWindow: 10,
        optimizer: 'sgd',
      },
    });
    const tox21Header = (repeats: number) => ({
      type: 'run' as const,
      benchmark: 'tox21',
      fingerprint: {
        dataset: { train: 10, test: 10, features: 801, tasks: [] },
        archs: ['snn'],
        repeats,
        grid: grid({ depth: [1], width: [8], lr: [0.1] }),
        seed: 1,
        validationFraction: 0.2,
        smoothingWindow: 10,
        optimizer: 'sgd',
      },
    });
    const add = (
      id: string,
      header: ReturnType<typeof uciHeader> | ReturnType<typeof tox21Header>,
      source: string | null = null,
      v = version,
    ) =>
      queue.add(
        header.benchmark,
        {
          format: QUEUE_JOB_FORMAT,
          run: queueRunId(header, v),
          version: v,
          header,
          source,
          task: { key: 'iris/fold1/snn/depth=1/lr=0.1/width=8', unit: 'iris/fold1' },
          data: null,
        },
        { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 100 } },
      );
    const failure = async (id: string) => {
      for (let i = 0; i < 600 && (await queue.getJobState(id)) !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const raw = await client.hgetall(`${QUEUE_PREFIX}:${QUEUE_NAME}:${id}`);
      expect(
        await queue.getJobState(id),
        worker.child.exitCode === null ? '' : 'the worker died',
      ).toBe('failed');
      // Taken once, failed once: refusals are never retried.
      expect([Number(raw.ats), Number(raw.atm)]).toEqual([1, 1]);
      return raw.failedReason!;
    };

    beforeAll(async () => {
      const cli = builtFile('experiments', 'cli.js');
      mkdirSync(data);
      redis = await startTestRedis();
      client = connectQueue(redis.url);
      queue = new Queue(QUEUE_NAME, { connection: client, prefix: QUEUE_PREFIX });
      worker = snn(cli, ['worker', '--queue', redis.url, '--backend', 'cpu', '--data', data], {
        limitKiB: 2_000_000,
      });
      // The worker's code version, read from its refusal of a job made by another version.
      await add('probe', uciHeader(grid({ depth: [1], width: [8], lr: [0.1] })), null, 'probe');
      version = (await failure('probe')).match(
        /it runs code version (\S+), the run was made by probe/,
      )![1]!;
    });
    afterAll(async () => {
      worker?.child.kill('SIGTERM');
      await worker;
      await queue?.close();
      client?.disconnect();
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sizes over the limits are refused before the worker plans or allocates anything', async () => {
      await add('wide', uciHeader(grid({ depth: [1], width: [1e9], lr: [0.1] })));
      expect(await failure('wide')).toMatch(
        /refused job wide: grid of this job's run header: `archs\.snn\.width`: 1,000,000,000 units in one layer, more than the limit of 65,536; .*SNN_MAX_WIDTH/,
      );
      await add('deep', uciHeader(grid({ depth: [1e9], width: [8], lr: [0.1] })));
      expect(await failure('deep')).toMatch(/refused job deep: .*depth.*SNN_MAX_DEPTH/);
      await add('long', uciHeader(grid({ depth: [1], width: [8], lr: [0.1] }, 1e9)));
      expect(await failure('long')).toMatch(/refused job long: .*epochs.*SNN_MAX_EPOCHS/);
      const lr = Array.from({ length: 3000 }, (_, i) => (i + 1) / 1e4);
      const width = Array.from({ length: 3000 }, (_, i) => i + 1);
      await add('huge-grid', uciHeader(grid({ depth: [1], width, lr })));
      expect(await failure('huge-grid')).toMatch(
        /refused job huge-grid: .*9,000,000.*SNN_MAX_CONFIGURATIONS/,
      );
      await add('repeats', tox21Header(1e9));
      expect(await failure('repeats')).toMatch(
        /refused job repeats: .*1,000,000,000.*SNN_MAX_CONFIGURATIONS/,
      );
      expect(worker.child.exitCode).toBeNull();
    });

    it('a data source outside --data is refused before it is read', async () => {
      const header = uciHeader(grid({ depth: [1], width: [8], lr: [0.1] }));
      await add('dev-zero', header, '/dev/zero');
      expect(await failure('dev-zero')).toMatch(
        /refused job dev-zero: data source "\/dev\/zero" \(\/dev\/zero\) is outside the data locations; .*\(.*snn-hostile-jobs-.*\/data\)/,
      );
      expect(worker.child.exitCode).toBeNull();
    });
  },
);
