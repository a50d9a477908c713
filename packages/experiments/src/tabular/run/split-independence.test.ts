/**
 * A configuration's record does not depend on how a run was split: the same grid trained in one
 * process (`--workers 1`), in a local pool (`--workers 2`) and through a Redis queue (a real
 * redis-server, one `snn worker` with two training processes) stores byte-identical records (every
 * field but the wall time `seconds`), on the backend `auto` picks here (snn-native where its addon
 * is built, else snn-wasm) — the backends whose kernels run threads.
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
import { uciCliArgs } from '../uci/uci-cli-args';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const archive = join(root, '../shared/data/uci121/data.tar.gz');
const haveData = existsSync(archive);
if (!haveData) console.warn(`split-independence.test: skipped — ${archive} is absent`);
if (!haveRedis)
  console.warn('split-independence.test: the queue case is skipped — no redis-server');

// Dropout (random masks per step) and batch norm (reductions over the batch) in the grid.
const GRID = {
  name: 'split-test',
  epochs: 5,
  batchSize: 16,
  archs: {
    snn: { depth: [2, 4], width: [32], lr: [0.1], dropout: [0, 0.05] },
    batchnorm: { depth: [3], width: [32], lr: [0.1, 0.01] },
  },
};
const TOTAL = 6;
const run = promisify(execFile);

/** The store's result records as their JSON lines without `seconds`, by key. */
function recordLines(out: string): string[] {
  return readFileSync(join(out, 'store.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((r) => r.type === 'result')
    .map(({ seconds: _, ...rest }) => rest)
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((r) => JSON.stringify(r));
}

describe.skipIf(!haveData)(
  'records do not depend on how the run is split (iris, backend auto)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-split-'));
    const grid = join(dir, 'grid.json');
    let cli: string;
    let redis: TestRedis | undefined;
    let worker: ChildProcess | undefined;
    const uci = (out: string, extra: string[]) =>
      run(
        process.execPath,
        uciCliArgs({ cli, archive, grid }, out, 3, ['--backend', 'auto', ...extra]),
        {
          encoding: 'utf8',
        },
      );

    beforeAll(() => {
      cli = builtFile('experiments', 'cli.js');
      writeFileSync(grid, JSON.stringify(GRID));
    });
    afterAll(async () => {
      worker?.kill('SIGKILL');
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('--workers 1 and --workers 2 store byte-identical records', async () => {
      await uci(join(dir, 'w1'), ['--workers', '1']);
      await uci(join(dir, 'w2'), ['--workers', '2']);
      const one = recordLines(join(dir, 'w1'));
      expect(one).toHaveLength(TOTAL);
      expect(recordLines(join(dir, 'w2'))).toEqual(one);
      // The backend `auto` chose is the one with threads (not cpu): the test would be void on cpu.
      expect(JSON.parse(one[0]!).backend).toMatch(/^snn-(native|wasm)$/);
    });

    it.skipIf(!haveRedis)('the Redis queue stores the same records, byte for byte', async () => {
      redis = await startTestRedis();
      worker = spawn(
        process.execPath,
        [
          cli,
          'worker',
          '--queue',
          redis.url,
          '--data',
          archive,
          '--backend',
          'auto',
          '--concurrency',
          '2',
        ],
        { stdio: 'ignore' },
      );
      await uci(join(dir, 'queue'), ['--queue', redis.url]);
      expect(recordLines(join(dir, 'queue'))).toEqual(recordLines(join(dir, 'w1')));
    });
  },
);
