import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { PoolProcess, isStartError } from './pool-process';
import { PoolStartError } from './pool-start-error';

describe('PoolStartError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-pool-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is an SnnError named PoolStartError, and a plain SnnError is not one', () => {
    const error = new PoolStartError('localPool: cannot start worker 1: spawn ENOENT');
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof SnnError).toBe(true);
    expect(error instanceof PoolStartError).toBe(true);
    expect(error.name).toBe('PoolStartError');
    expect(new SnnError('other') instanceof PoolStartError).toBe(false);
    expect(isStartError(new SnnError('other'))).toBe(false);
  });

  it('is recognised across separately loaded copies of the module, by its own brand', async () => {
    // A second instance of the module (another copy of the class, as an ESM and a CJS build are).
    const copy = './pool-start-error.ts?second-copy';
    const other = (await import(/* @vite-ignore */ copy)) as typeof import('./pool-start-error');
    expect(other.PoolStartError).not.toBe(PoolStartError);
    const foreign = new other.PoolStartError('from the other copy');
    expect(foreign instanceof PoolStartError).toBe(true);
    expect(foreign instanceof SnnError).toBe(true);
    expect(isStartError(foreign)).toBe(true);
    expect(new PoolStartError('ours') instanceof other.PoolStartError).toBe(true);
    // The brand is PoolStartError's own: an SnnError of any copy is not a PoolStartError.
    const snnOnly = new Error('an SnnError of another copy');
    Object.defineProperty(snnOnly, Symbol.for('@snn/error'), { value: true });
    expect(snnOnly instanceof SnnError).toBe(true);
    expect(snnOnly instanceof PoolStartError).toBe(false);
  });

  it('is what a worker process that exits before it is ready rejects with', async () => {
    const script = join(dir, 'exits.mjs');
    writeFileSync(script, 'process.exit(3);\n');
    const worker = new PoolProcess(0, { script, args: [] }, 1);
    const error = await worker.ready.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error instanceof PoolStartError).toBe(true);
    expect(isStartError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /worker 1 \(.*exits\.mjs\) exited \(code 3\) before it was ready/,
    );
  });
});
