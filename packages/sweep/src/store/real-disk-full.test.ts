/**
 * A run whose disk really fills up: a 64 KiB tmpfs mounted for the test (root only; skipped with
 * the reason otherwise), in this process and with a pool of two worker processes. The run ends
 * with one message — the file, the configurations safely stored, how to resume — releases its
 * lock, throws nothing uncaught, and a rerun after freeing space resumes without losing a record.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { LOCK_FILE } from './out-dir-lock';
import { STORE_FILE } from './store-file';

/** Why a tmpfs cannot be mounted here, or null when it can. */
function cannotMount(): string | null {
  if (process.getuid?.() !== 0) return 'not root (mount -t tmpfs needs it)';
  const probe = mkdtempSync(join(tmpdir(), 'snn-tmpfs-probe-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  if (mounted.status !== 0) {
    rmdirSync(probe);
    return `mount -t tmpfs failed: ${String(mounted.stderr).trim()}`;
  }
  spawnSync('umount', [probe]);
  rmdirSync(probe);
  return null;
}
const why = cannotMount();
if (why !== null) console.warn(`real-disk-full.test: skipped — ${why}`);

const TASKS = 60;
/** Each record carries this much padding, so 60 of them need about 90 KiB. */
const PAD = 1500;

describe.skipIf(why !== null)('a disk that really fills up (64 KiB tmpfs)', () => {
  const root = mkdtempSync(join(tmpdir(), 'snn-disk-full-'));
  // A fresh 64 KiB tmpfs for each test, unmounted after it.
  const disk = join(root, 'disk');
  const coordinator = join(root, 'coordinator.mjs');
  const worker = join(root, 'worker.mjs');

  beforeAll(() => {
    const from = JSON.stringify(pathToFileURL(builtFile('sweep', 'index.js')).href);
    const record = `({ type: 'result', key: task.key, pad: 'x'.repeat(${PAD}) })`;
    writeFileSync(
      worker,
      `import { serveWorker } from ${from};
await serveWorker(async ({ payload: task }) => ${record});
`,
    );
    writeFileSync(
      coordinator,
      `import { runSweep } from ${from};
const [outDir, workers] = process.argv.slice(2);
const tasks = Array.from({ length: ${TASKS} }, (_, i) => ({ key: 't' + String(i).padStart(2, '0'), unit: 'u' }));
try {
  const summary = await runSweep({ outDir, header: { type: 'run', benchmark: 'toy', fingerprint: {} }, tasks,
    loadUnit: async () => null, train: async (task) => ${record},
    workers: Number(workers), workerCommand: { script: ${JSON.stringify(worker)}, args: [] } });
  process.stdout.write(JSON.stringify({ complete: summary.complete, trained: summary.trained, resumed: summary.resumed }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message }));
  process.exitCode = 3;
}
`,
    );
    mkdirSync(disk);
  });
  afterEach(() => {
    spawnSync('umount', [disk]);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const run = (out: string, workers: number) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [coordinator, out, String(workers)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => {
        stdout += String(c);
      });
      child.stderr.on('data', (c) => {
        stderr += String(c);
      });
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  const lines = (out: string) => readFileSync(join(out, STORE_FILE), 'utf8').split('\n');

  for (const workers of [1, 2]) {
    it(`--workers ${workers}: one clear message, the lock released, nothing stored lost; a rerun resumes`, async () => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
      const out = join(disk, 'out');
      const full = await run(out, workers);
      expect(full.stderr).toBe('');
      expect(full.code).toBe(3);
      const { error } = JSON.parse(full.stdout) as { error: string };
      const storePath = join(out, STORE_FILE);
      const match = error.match(
        /^cannot write (\S+): no space left on the device \(ENOSPC\); (\d+) configurations are safely stored (?:there|in (\S+)) — free some space and rerun the same command to resume from them$/,
      );
      expect(match, error).not.toBeNull();
      const [, file, count, elsewhere] = match!;
      expect([storePath, join(out, 'sessions.json')]).toContain(file);
      expect(elsewhere ?? file).toBe(storePath);
      const stored = Number(count);
      expect(stored).toBeGreaterThan(5);
      expect(stored).toBeLessThan(TASKS);
      expect(existsSync(join(out, LOCK_FILE))).toBe(false);
      const before = lines(out);
      // The header, exactly `stored` whole records, and nothing half-written after them.
      expect(before.at(-1)).toBe('');
      expect(before).toHaveLength(1 + stored + 1);
      for (const line of before.slice(1, -1)) expect(JSON.parse(line).pad).toHaveLength(PAD);

      // Space freed, as a user would: the same file system, grown.
      execFileSync('mount', ['-o', 'remount,size=1m', disk]);
      const resumed = await run(out, workers);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toEqual({
        complete: true,
        trained: TASKS - stored,
        resumed: stored,
      });
      const after = lines(out);
      expect(after.slice(0, 1 + stored)).toEqual(before.slice(0, 1 + stored));
      expect(new Set(after.slice(1, -1).map((l) => JSON.parse(l).key)).size).toBe(TASKS);
    });
  }
});
