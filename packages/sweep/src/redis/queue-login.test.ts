/**
 * A queue that cannot be used — a login Redis refuses, a port nobody listens on — against a real
 * redis-server: one-shot calls and coordinators end within their timeout with what to fix,
 * workers summarize their retries and stop on the first SIGTERM, and no output of any process
 * shows the user or the password.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { type TestRedis, freePort, haveRedis, startTestRedis } from '../../../../test/redis-server';
import { cleanQueue, queueStatus } from './queue-admin';
import { startToyWorker, toyTasks, waitFor, writeToyScripts } from './queue-fixtures';

const USER = 'snn-login-user-7f3a';
const PASSWORD = 'pw-9c81-wrong-one';

/** Runs `node script ...args` to its end; its whole output and how long it took. */
function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => {
    output += String(c);
  });
  child.stderr.on('data', (c) => {
    output += String(c);
  });
  return new Promise<{ code: number | null; output: string; seconds: number }>((resolve) => {
    child.on('exit', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

describe.skipIf(!haveRedis)('a queue that cannot be used (real redis-server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-queue-login-'));
  let scripts: ReturnType<typeof writeToyScripts>;
  let redis: TestRedis;
  let wrongLogin: string;
  let unreachable: string;
  let seen = 0;

  beforeAll(async () => {
    scripts = writeToyScripts(dir, builtFile('sweep', 'index.js'));
    redis = await startTestRedis({ password: 'the-right-password' });
    wrongLogin = `redis://${USER}:${PASSWORD}@127.0.0.1:${redis.port}/0`;
    unreachable = `redis://${USER}:${PASSWORD}@127.0.0.1:${await freePort()}/0`;
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const secretFree = (text: string) => {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(USER);
  };

  it('queueStatus and cleanQueue: a refused login fails at once and says what to fix', async () => {
    const started = Date.now();
    for (const call of [() => queueStatus(wrongLogin), () => cleanQueue(wrongLogin)]) {
      const error = (await call().then(
        () => null,
        (e: Error) => e,
      )) as Error;
      expect(error.message).toMatch(
        /^cannot log in to the queue redis:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/0: Redis refused the login \(WRONGPASS .*\); the user or password in the queue URL is wrong — pass the right redis:\/\/user:password@host:port as `url`, in a `file` or in SNN_QUEUE_URL/,
      );
      secretFree(error.message);
    }
    // Refused by the server: no waiting for the timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('queueStatus: an unreachable server ends after the timeout with what to check', async () => {
    const started = Date.now();
    const error = (await queueStatus(unreachable, { connectTimeoutMs: 1500 }).then(
      () => null,
      (e: Error) => e,
    )) as Error;
    const seconds = (Date.now() - started) / 1000;
    expect(error.message).toMatch(
      /^cannot reach the queue redis:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/0 within 1\.5 s \(last error: connect ECONNREFUSED 127\.0\.0\.1:\d+\); check that redis-server runs there .* or wait longer with a larger `connectTimeoutMs`/,
    );
    expect(seconds).toBeGreaterThanOrEqual(1.4);
    expect(seconds).toBeLessThan(6);
  });

  it('a coordinator with a wrong password or no server ends within its timeout, nothing secret printed', async () => {
    const tasks = JSON.stringify(toyTasks(10));
    const refused = await runScript(scripts.coordinator, [wrongLogin, join(dir, 'a'), tasks]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/cannot log in to the queue .*Redis refused the login/);
    expect(refused.seconds).toBeLessThan(15);
    secretFree(refused.output);
    const lost = await runScript(scripts.coordinator, [unreachable, join(dir, 'b'), tasks], {
      SWEEP_TEST_CONNECT_MS: '2000',
    });
    expect(lost.code).not.toBe(0);
    expect(lost.output).toMatch(
      /cannot reach the queue .* within 2 s \(last error: connect ECONNREFUSED/,
    );
    expect(lost.seconds).toBeLessThan(15);
    secretFree(lost.output);
  });

  it('a worker that cannot log in or connect summarizes its retries and stops on the first SIGTERM', async () => {
    for (const url of [wrongLogin, unreachable]) {
      const worker = startToyWorker(scripts.worker, url, scripts.processor, {});
      // ioredis retries from 100 ms on; over 4 s that is many attempts, but few lines.
      await new Promise((r) => setTimeout(r, 4000));
      expect(worker.child.exitCode).toBeNull();
      const exited = new Promise<number | null>((r) => worker.child.once('exit', r));
      const signalled = Date.now();
      worker.child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000)),
      ]);
      worker.kill();
      expect(code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5000);
      const output = worker.stdout() + worker.stderr();
      secretFree(output);
      const lines = output.trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(4);
      expect(lines[0]).toMatch(
        url === wrongLogin
          ? /^worker: WRONGPASS .* \(retrying with back-off; a summary follows while it lasts\)$/
          : /^worker: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(retrying with back-off; a summary follows while it lasts\)$/,
      );
    }
  });

  it('a worker with the right password registers, and stops on the first SIGINT', async () => {
    const url = redis.url.replace('redis://', 'redis://:the-right-password@');
    const worker = startToyWorker(scripts.worker, url, scripts.processor, {});
    await waitFor(
      () => {
        void queueStatus(url).then((s) => {
          seen = s.workers.length;
        });
        return seen === 1;
      },
      'the worker to note itself in Redis',
      10_000,
    );
    const exited = new Promise((r) => worker.child.once('exit', r));
    worker.child.kill('SIGINT');
    await exited;
    expect(worker.child.exitCode).toBe(0);
    expect(worker.stderr()).toBe('');
    expect((await queueStatus(url)).workers).toEqual([]);
  });
});
