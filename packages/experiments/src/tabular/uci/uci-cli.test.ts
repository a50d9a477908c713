/**
 * `snn uci` end to end through the built CLI, on the real iris data: a run killed with SIGKILL
 * mid-grid and restarted with the same command resumes without retraining anything finished and
 * ends with the same table as an uninterrupted run; `--shard 1/2` + `--shard 2/2` + `snn merge`
 * give that table too. Needs ../shared/data/uci121/data.tar.gz (skipped with a message otherwise)
 * and packages/experiments/dist/cli.js (built here if missing or older than the sources).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../../test/built-package';
import { uciCliArgs } from './uci-cli-args';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const packageDir = join(root, 'packages/experiments');
const cli = join(packageDir, 'dist/cli.js');
const archive = join(root, '../shared/data/uci121/data.tar.gz');
const haveData = existsSync(archive);
if (!haveData) {
  console.warn(`uci-cli.test: skipped — ${archive} is absent (see ../shared/data/README.md)`);
}

// With and without dropout: masks are drawn from the configuration's seed, so a grid with dropout
// is bit-reproducible across processes too. 8 configurations, enough epochs to kill mid-grid.
const GRID = {
  name: 'resume-test',
  epochs: 15,
  batchSize: 16,
  archs: {
    snn: { depth: [1, 2], width: [16], lr: [0.1], dropout: [0, 0.1] },
    batchnorm: { depth: [1, 2], width: [16], lr: [0.1], dropout: [0, 0.5] },
  },
};
const TOTAL = 8;
/** A hung `snn` process is killed rather than left running after the test. */
const RUN_TIMEOUT = 240_000;

const uciArgs = (out: string, grid: string, extra: string[] = []): string[] =>
  uciCliArgs({ cli, archive, grid }, out, 3, extra);

function runCli(args: string[]): { trained: number; resumed: number; complete: boolean } {
  const stdout = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(stdout);
}

const storeLines = (out: string): string[] =>
  existsSync(join(out, 'store.jsonl'))
    ? readFileSync(join(out, 'store.jsonl'), 'utf8').split('\n')
    : [];

// The tables, without how they were made (command line and times differ between runs).
const table = (out: string) => {
  const json = JSON.parse(readFileSync(join(out, 'uci.json'), 'utf8'));
  return {
    results: json.results,
    ranks: json.ranks,
    markdown: readFileSync(join(out, 'uci.md'), 'utf8').split('## How this was made')[0],
  };
};

const provenance = (out: string) =>
  JSON.parse(readFileSync(join(out, 'uci.json'), 'utf8')).provenance;

describe.skipIf(!haveData)('snn uci through the CLI (iris)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-uci-cli-'));
  const grid = join(dir, 'grid.json');
  let reference: ReturnType<typeof table>;

  beforeAll(() => {
    builtFile('experiments', 'cli.js');
    writeFileSync(grid, JSON.stringify(GRID));
    const summary = runCli(uciArgs(join(dir, 'reference'), grid, ['--workers', '1']));
    expect(summary).toMatchObject({ complete: true, trained: TOTAL, resumed: 0 });
    reference = table(join(dir, 'reference'));
  });
  let running: ChildProcess | null = null;
  afterAll(() => {
    // If the test failed before its SIGKILL, do not leave the run behind.
    if (running && running.exitCode === null && running.signalCode === null)
      running.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a run killed with SIGKILL resumes without redoing finished configurations', async () => {
    const out = join(dir, 'killed');
    const child = spawn(process.execPath, uciArgs(out, grid, ['--workers', '2']), {
      stdio: 'ignore',
    });
    running = child;
    // Kill once at least 2 configurations are stored (the header is line 1).
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (storeLines(out).filter((l) => l.includes('"type":"result"')).length >= 2) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the run finished before it could be killed; make the grid larger'));
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const before = storeLines(out);
    const finished = before.filter((line) => {
      try {
        return JSON.parse(line).type === 'result';
      } catch {
        return false; // a line cut by the kill
      }
    });
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.length).toBeLessThan(TOTAL);

    const summary = runCli(uciArgs(out, grid, ['--workers', '2']));
    expect(summary.complete).toBe(true);
    expect(summary.resumed).toBe(finished.length);
    expect(summary.trained).toBe(TOTAL - finished.length);
    // The finished records are kept byte for byte, each configuration stored once.
    const after = storeLines(out);
    expect(after.slice(0, 1 + finished.length)).toEqual([before[0], ...finished]);
    const keys = after.filter((l) => l !== '').map((l) => JSON.parse(l).key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(1 + TOTAL);
    expect(table(out)).toEqual(reference);
    // Both invocations are timed; the JSON says which command and code made it.
    const sessions = JSON.parse(readFileSync(join(out, 'sessions.json'), 'utf8'));
    expect(sessions).toHaveLength(2);
    expect(sessions[0].trained).toBeLessThanOrEqual(finished.length); // a kill may fall between store and clock
    expect(sessions[1].trained).toBe(TOTAL - finished.length);
    const made = provenance(out);
    expect(made.command).toMatch(/^snn uci --datasets iris .*--out /);
    expect(made.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(made.wallSeconds).toBeGreaterThan(0);
    expect(made.workerSeconds).toBeGreaterThan(0);
    expect(made.machine.cores).toBeGreaterThan(0);
  });

  it('--shard 1/2 and 2/2 merged with snn merge give the same table', () => {
    const a = runCli(uciArgs(join(dir, 's1'), grid, ['--workers', '1', '--shard', '1/2']));
    const b = runCli(uciArgs(join(dir, 's2'), grid, ['--workers', '1', '--shard', '2/2']));
    expect(a.complete || b.complete).toBe(false);
    expect(a.trained + b.trained).toBe(TOTAL);
    execFileSync(
      process.execPath,
      [cli, 'merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged')],
      { stdio: 'ignore', timeout: RUN_TIMEOUT, killSignal: 'SIGKILL' },
    );
    expect(table(join(dir, 'merged'))).toEqual(reference);
    for (const file of ['uci-ranks.svg', 'uci-ranks.png']) {
      expect(statSync(join(dir, 'merged', file)).size).toBeGreaterThan(1000);
    }
  });

  it('bad flags exit with code 2 and name the valid choices', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [cli, 'uci', '--split', 'fourfold'], {
        stdio: 'pipe',
        timeout: RUN_TIMEOUT,
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('--split must be one of paper, kfold');
  });
});
