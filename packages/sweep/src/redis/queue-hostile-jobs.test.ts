/**
 * Jobs written into Redis by someone other than a coordinator, served by a real worker on a real
 * redis-server: each fails at once with its id, is never retried or taken again at a stalled
 * check, and nothing is trained or read.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { type TestRedis, haveRedis, startTestRedis } from '../../../../test/redis-server';
import { TOY_HEADER, startToyWorker, starts, waitFor, writeToyScripts } from './queue-fixtures';
import { QUEUE_JOB_FORMAT } from './queue-job';
import { QUEUE_NAME, QUEUE_PREFIX, queueRunId } from './queue-keys';

describe.skipIf(!haveRedis)('hostile jobs on the queue (real redis-server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-hostile-'));
  const data = join(dir, 'data');
  const log = join(dir, 'trained.log');
  let redis: TestRedis;
  let redisClient: Redis;
  let queue: Queue;
  let worker: ReturnType<typeof startToyWorker>;

  const job = (source: string | null, key = 'a/k=1') => ({
    format: QUEUE_JOB_FORMAT,
    run: queueRunId(TOY_HEADER, '1'),
    version: '1',
    header: TOY_HEADER,
    source,
    task: { key, unit: 'a', k: 1, ms: 1 },
    data: null,
  });
  const add = (id: string, payload: unknown) =>
    queue.add('toy', payload, { jobId: id, attempts: 3, backoff: { type: 'fixed', delay: 100 } });

  beforeAll(async () => {
    const scripts = writeToyScripts(dir, builtFile('sweep', 'index.js'));
    mkdirSync(data);
    writeFileSync(join(data, 'set.csv'), '1,2\n');
    symlinkSync('/dev/zero', join(data, 'zero'));
    symlinkSync('/etc', join(data, 'etc'));
    redis = await startTestRedis();
    redisClient = new Redis(redis.url);
    queue = new Queue(QUEUE_NAME, { connection: redisClient, prefix: QUEUE_PREFIX });
    // Every job is in Redis before the worker starts, as an attacker's would be.
    await add('not-json', job(null, 'a/k=2'));
    await redisClient.hset(`${QUEUE_PREFIX}:${QUEUE_NAME}:not-json`, 'data', '{"format":1,');
    await add('dev-zero', job('/dev/zero'));
    await add('link-to-dev-zero', job(join(data, 'zero')));
    await add('link-out-of-data', job(join(data, 'etc', 'passwd')));
    await add('relative', job('../data/set.csv'));
    await add('inside-data', job(join(data, 'set.csv'), 'a/k=3'));
    worker = startToyWorker(scripts.worker, redis.url, scripts.processor, {
      SWEEP_TEST_LOG: log,
      SWEEP_TEST_DATA: JSON.stringify([data]),
    });
    await waitFor(
      () =>
        worker
          .stderr()
          .split('\n')
          .filter((l) => / failed: /.test(l)).length >= 5,
      'the worker to refuse the five hostile jobs',
    );
    // Three stalled checks (one a second) and retry delays pass: nothing may come back.
    await new Promise((r) => setTimeout(r, 3500));
  });
  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    redisClient?.disconnect();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const failed = async (id: string) => {
    expect(await queue.getJobState(id)).toBe('failed');
    const raw = await redisClient.hgetall(`${QUEUE_PREFIX}:${QUEUE_NAME}:${id}`);
    // Started and tried once (BullMQ's atm, ats): refusals are unrecoverable, never retried;
    // and never taken again by a stalled check (stc).
    expect(Number(raw.atm)).toBe(1);
    expect(Number(raw.ats)).toBe(1);
    expect(Number(raw.stc ?? 0)).toBe(0);
    return raw.failedReason!;
  };

  it('a job whose data is not JSON fails at once with its id', async () => {
    expect(await failed('not-json')).toMatch(
      /refused job not-json: queue job: its data is not JSON \(.*JSON.*\); this job was not written by a sweep coordinator/,
    );
  });

  it('a data source outside the worker’s data locations is refused before anything is read', async () => {
    expect(await failed('dev-zero')).toMatch(
      /refused job dev-zero: data source "\/dev\/zero" \(\/dev\/zero\) is outside the data locations; this worker reads data only from the locations it was started with/,
    );
    expect(await failed('link-to-dev-zero')).toMatch(
      /refused job link-to-dev-zero: .* \(\/dev\/zero\) is outside the data locations/,
    );
    expect(await failed('link-out-of-data')).toMatch(
      /refused job link-out-of-data: .* \(\/etc\/passwd\) is outside the data locations/,
    );
    expect(await failed('relative')).toMatch(/refused job relative: .* is not an absolute path/);
  });

  it('each refusal is reported once; only the job inside the data locations is trained', async () => {
    const refusals = worker
      .stderr()
      .split('\n')
      .filter((l) => / failed: /.test(l));
    expect(refusals.map((l) => l.split(' ')[1]).sort()).toEqual(
      ['dev-zero', 'link-out-of-data', 'link-to-dev-zero', 'not-json', 'relative'].sort(),
    );
    expect(await queue.getJobState('inside-data')).toBe('completed');
    expect(starts(log).map((s) => s.key)).toEqual(['a/k=3']);
  });
});
