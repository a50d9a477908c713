import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { taskSeed } from '../grid/task-seed';
import { sweep } from './sweep';
import type { TrialContext } from './trial';
import { trialWorker } from './trial-worker';

// The "model": y = slope·x + seed-derived noise; its metric the squared error against y = 2x.
const units = { a: () => [1, 2, 3], b: async () => [2, 4] };
const train = (config: { slope: number }, xs: number[], { seed }: TrialContext) => ({
  error: xs.reduce((s, x) => s + (config.slope * x - 2 * x) ** 2, 0),
  noise: seed % 1000,
});

describe('sweep', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-front-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const base = () => ({ name: 'line', outDir: join(dir, 'out'), units, seed: 7, train });

  it('trains every point on every unit once, in grid order, and a rerun resumes', async () => {
    const first = await sweep({ ...base(), space: { slope: [0.5, 2] } });
    expect(first).toMatchObject({ trained: 4, resumed: 0, complete: true, failed: [] });
    expect(first.trials.map((t) => t.key)).toEqual([
      'a/slope=0.5',
      'a/slope=2',
      'b/slope=0.5',
      'b/slope=2',
    ]);
    // Σx² is 14 on unit a: (0.5 − 2)² · 14.
    expect(first.trials[0]).toMatchObject({
      type: 'result',
      unit: 'a',
      config: { slope: 0.5 },
      seed: taskSeed(7, 'a/slope=0.5'),
      metrics: { error: 1.5 ** 2 * 14, noise: taskSeed(7, 'a/slope=0.5') % 1000 },
    });
    const again = await sweep({ ...base(), space: { slope: [0.5, 2] } });
    expect(again).toMatchObject({ trained: 0, resumed: 4, complete: true });
    expect(again.trials.map(({ seconds: _, ...t }) => t)).toEqual(
      first.trials.map(({ seconds: _, ...t }) => t),
    );
  });

  it('a wider space only adds trials; another seed or fingerprint is refused', async () => {
    await sweep({ ...base(), space: { slope: [0.5] } });
    const wider = await sweep({ ...base(), space: { slope: [0.5, 1] } });
    expect(wider).toMatchObject({ trained: 2, resumed: 2 });
    await expect(sweep({ ...base(), seed: 8, space: { slope: [0.5] } })).rejects.toThrow(
      /belongs to a different run/,
    );
    await expect(
      sweep({ ...base(), fingerprint: { epochs: 3 }, space: { slope: [0.5] } }),
    ).rejects.toThrow(/belongs to a different run/);
  });

  it('a trial whose train fails is retried, then recorded as failed with its error', async () => {
    let tries = 0;
    const result = await sweep({
      ...base(),
      space: { slope: [1] },
      retryDelayMs: 0,
      attempts: 2,
      train: (config, xs, context) => {
        if (context.unit === 'b') {
          tries++;
          throw new Error('diverged');
        }
        return train(config, xs, context);
      },
    });
    expect(tries).toBe(2);
    expect(result.trials.map((t) => t.key)).toEqual(['a/slope=1']);
    expect(result.failed).toEqual([
      { type: 'failed', key: 'b/slope=1', error: 'diverged', attempts: 2 },
    ]);
    expect(result.complete).toBe(true);
  });

  it('names the option it refuses', async () => {
    const space = { slope: [1] };
    await expect(sweep({ ...base(), space, seed: -1 })).rejects.toThrow(
      /sweep: `seed` must be an integer ≥ 0, got -1/,
    );
    await expect(sweep({ ...base(), space, units: {} })).rejects.toThrow(
      /sweep: `units` must name at least one data unit/,
    );
    await expect(sweep({ ...base(), space: { slope: 1 as unknown as number[] } })).rejects.toThrow(
      /sweep: `space.slope` must be an array of choices or a range \(range, logRange, intRange, intLogRange\), got 1/,
    );
    await expect(sweep({ ...base(), space, name: '' })).rejects.toThrow(/sweep: `name` must be/);
    await expect(
      sweep({ ...base(), space, attempts: 0, train: () => ({ error: 0 }) }),
    ).rejects.toThrow(/`attempts` must be an integer ≥ 1/);
    const result = await sweep({
      ...base(),
      space,
      attempts: 1,
      train: () => 3 as unknown as { error: number },
    });
    expect(result.failed[0]!.error).toMatch(/`train` must return an object of metrics.*got 3/);
  });

  it('a local pool of trialWorker processes stores the same trials as this process', async () => {
    const dist = builtFile('sweep', 'index.js');
    const module = join(dir, 'line-worker.mjs');
    writeFileSync(
      module,
      `import { trialWorker } from ${JSON.stringify(pathToFileURL(dist).href)};
export default trialWorker((config, xs, { seed }) => ({
  error: xs.reduce((s, x) => s + (config.slope * x - 2 * x) ** 2, 0),
  noise: seed % 1000,
  pid: process.pid,
}));
`,
    );
    const { localPool } = (await import(pathToFileURL(dist).href)) as typeof import('../index');
    const space = { slope: [0.5, 1, 2] };
    const here = await sweep({ ...base(), outDir: join(dir, 'here'), space });
    const pooled = await sweep({
      ...base(),
      outDir: join(dir, 'pool'),
      space,
      executor: localPool({ workers: 2, worker: module }),
    });
    expect(pooled.trained).toBe(6);
    type Line = (typeof here.trials)[number];
    const same = (t: Line) => ({
      ...t,
      seconds: 0,
      metrics: { error: t.metrics.error, noise: t.metrics.noise },
    });
    expect(pooled.trials.map(same)).toEqual(here.trials.map(same));
    // Trained in the pool's processes, not in this one.
    const pids = pooled.trials.map((t) => (t.metrics as { pid?: number }).pid);
    expect(pids.every((pid) => typeof pid === 'number' && pid !== process.pid)).toBe(true);
  });
});

describe('trialWorker', () => {
  const worker = trialWorker(train, { units, version: '2' });
  const header = { type: 'run' as const, benchmark: 'line', fingerprint: { seed: 7 } };

  it('accepts the trials a sweep makes and refuses any other', () => {
    const trial = {
      key: 'a/slope=1',
      unit: 'a',
      config: { slope: 1 },
      seed: taskSeed(7, 'a/slope=1'),
    };
    expect(worker.acceptTask(header, trial)).toEqual(trial);
    expect(() => worker.acceptTask(header, { ...trial, key: 'a/slope=3' })).toThrow(
      /its key is not <unit>\/<config>/,
    );
    expect(() => worker.acceptTask(header, { ...trial, seed: 1 })).toThrow(/its seed is not/);
    expect(() => worker.acceptTask(header, { ...trial, unit: 'zz', key: 'zz/slope=1' })).toThrow(
      /unknown unit "zz"/,
    );
  });

  it('loads units for a queue worker and says what to pass when it cannot', async () => {
    expect(await worker.loadUnit(header, 'b', null)).toEqual([2, 4]);
    await expect(trialWorker(train).loadUnit(header, 'a', null)).rejects.toThrow(
      /no loader for unit "a"; pass the sweep's `units`/,
    );
  });
});
