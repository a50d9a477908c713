/**
 * `snn uci --queue` with `snn worker` processes on a real redis-server, through the built CLI on
 * the real iris data: the same store records (losses, validation and test curves) and the same
 * table as the local pool, and no password in any file or message. Skipped with a message when
 * redis-server or ../shared/data/uci121/data.tar.gz is absent.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../../test/built-package';
import { type TestRedis, haveRedis, startTestRedis } from '../../../../../test/redis-server';
import { uciCliArgs } from './uci-cli-args';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const archive = join(root, '../shared/data/uci121/data.tar.gz');
const haveData = existsSync(archive);
if (!haveData) console.warn(`uci-queue.test: skipped — ${archive} is absent`);

const GRID = {
  name: 'queue-test',
  epochs: 6,
  batchSize: 16,
  archs: {
    snn: { depth: [1, 2], width: [16], lr: [0.1], dropout: [0, 0.1] },
    batchnorm: { depth: [1], width: [16], lr: [0.1, 0.01] },
  },
};
const TOTAL = 6;
const run = promisify(execFile);

describe.skipIf(!haveData || !haveRedis)('snn uci --queue with snn worker (iris)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-uci-queue-'));
  const grid = join(dir, 'grid.json');
  let cli: string;
  let redis: TestRedis;
  const workers: ChildProcess[] = [];
  const uci = (out: string, extra: string[]) =>
    run(process.execPath, uciCliArgs({ cli, archive, grid }, out, 5, extra), { encoding: 'utf8' });
  const records = (out: string) =>
    readFileSync(join(out, 'store.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((r) => r.type === 'result')
      .map(({ seconds: _, ...rest }) => rest)
      .sort((a, b) => (a.key < b.key ? -1 : 1));

  beforeAll(async () => {
    cli = builtFile('experiments', 'cli.js');
    writeFileSync(grid, JSON.stringify(GRID));
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the same records and writes the same table as the local pool; no password anywhere', async () => {
    const local = join(dir, 'local');
    await uci(local, ['--workers', '1']);
    let workerErr = '';
    for (let i = 0; i < 2; i++) {
      // --data: workers read only the data they were started with (the run names the archive).
      const w = spawn(
        process.execPath,
        [cli, 'worker', '--queue', redis.url, '--backend', 'cpu', '--data', archive],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      w.stderr?.on('data', (chunk) => {
        workerErr += String(chunk);
      });
      workers.push(w);
    }
    const queued = join(dir, 'queued');
    // The server has no password: Redis ignores it, and it must not show up anywhere.
    const url = redis.url.replace('redis://', 'redis://:s3cret-pw@');
    const { stdout, stderr } = await uci(queued, ['--queue', url]);
    expect(JSON.parse(stdout)).toMatchObject({ complete: true, trained: TOTAL, resumed: 0 });
    expect(records(queued)).toEqual(records(local));
    expect(records(queued)).toHaveLength(TOTAL);
    const json = (out: string) => JSON.parse(readFileSync(join(out, 'uci.json'), 'utf8'));
    expect(json(queued).results).toEqual(json(local).results);
    expect(json(queued).ranks).toEqual(json(local).ranks);
    for (const text of [
      stdout,
      stderr,
      workerErr,
      readFileSync(join(queued, 'store.jsonl'), 'utf8'),
      readFileSync(join(queued, 'uci.json'), 'utf8'),
      readFileSync(join(queued, 'uci.md'), 'utf8'),
    ]) {
      expect(text).not.toContain('s3cret-pw');
    }
    expect(json(queued).provenance.command).toContain('--queue redis://:***@127.0.0.1');
  });
});
