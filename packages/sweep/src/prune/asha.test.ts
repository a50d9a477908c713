import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHeader } from '../store/result-store';
import { sweep } from '../sweep/sweep';
import type { TrialContext } from '../sweep/trial';
import { asha } from './asha';
import { promotes } from './promotes';
import { rungEpoch, rungEpochs } from './rung-epoch';
import { RUNGS_FILE, RungLog, type RungRecord } from './rung-log';

const HEADER: StoreHeader = { type: 'run', benchmark: 'toy', fingerprint: { seed: 1 } };

describe('ASHA rules', () => {
  it('rungs at r·η^k below maxResource', () => {
    const p = asha({ minResource: 2, reductionFactor: 3, maxResource: 54 });
    expect(rungEpochs(p, 1000)).toEqual([2, 6, 18]);
    expect(rungEpoch(p, 3)).toBeNull(); // 54 is the last epoch, not a rung
    expect(rungEpochs(asha({ minResource: 1, reductionFactor: 2 }), 20)).toEqual([1, 2, 4, 8, 16]);
  });

  it('goes on iff fewer than max(1, ⌊n/η⌋) recorded values are better (ties go on)', () => {
    expect(promotes(0.5, [0.5], 3, 'max')).toBe(true); // the first at a rung
    expect(promotes(0.4, [0.5, 0.4], 3, 'max')).toBe(false); // ⌊2/3⌋ = 0 → 1 place
    expect(promotes(0.5, [0.6, 0.5, 0.5, 0.4, 0.1, 0.2], 3, 'max')).toBe(true); // 2 places, 1 better
    expect(promotes(0.5, [0.6, 0.7, 0.5, 0.4, 0.1, 0.2], 3, 'max')).toBe(false);
    expect(promotes(0.2, [0.3, 0.2, 0.5], 3, 'min')).toBe(true);
    expect(promotes(null, [null], 3, 'max')).toBe(false); // a diverged trial stops
    expect(promotes(0.1, [null, 0.1], 2, 'max')).toBe(true); // null is never better
  });

  it('refuses bad settings, naming the field', () => {
    expect(() => asha({ reductionFactor: 1 })).toThrow(
      /`reductionFactor` \(η\) must be an integer in \[2, 1000\], got 1/,
    );
    expect(() => asha({ minResource: 0 })).toThrow(/`minResource`.*got 0/);
    expect(() => asha({ minResource: 4, maxResource: 2 })).toThrow(
      /`maxResource`.*≥ minResource \(4\).*got 2/,
    );
  });
});

describe('RungLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-rungs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('decides each rung once, keeps the decision across reopening, and separates brackets', () => {
    const p = asha({ minResource: 1, reductionFactor: 2, maxResource: 8 });
    const log = RungLog.open(dir, HEADER);
    expect(log.decide(p, 'a', 'a/t0', 1, 0.5)).toBe('continue');
    expect(log.decide(p, 'a', 'a/t1', 1, 0.2)).toBe('prune'); // ⌊2/2⌋ = 1 place, 0.5 is better
    expect(log.decide(p, 'b', 'b/t0', 1, 0.1)).toBe('continue'); // another bracket
    // Catching up: a report at epoch 4 judges rungs 1, 2 and 4 in order.
    expect(log.decide(p, 'a', 'a/t2', 4, 0.9)).toBe('continue');
    log.close();
    const again = RungLog.open(dir, HEADER);
    // A retried trial gets its stored answer even if it reports another value now.
    expect(again.decide(p, 'a', 'a/t1', 1, 0.99)).toBe('prune');
    expect(again.decide(p, 'a', 'a/t1', 2, 0.99)).toBe('prune');
    again.close();
    const lines = readFileSync(join(dir, RUNGS_FILE), 'utf8').trim().split('\n').slice(1);
    const records = lines.map((l) => JSON.parse(l) as RungRecord);
    expect(records.map((r) => [r.key, r.epoch, r.promoted])).toEqual([
      ['a/t0@0', 1, true],
      ['a/t1@0', 1, false],
      ['b/t0@0', 1, true],
      ['a/t2@0', 1, true],
      ['a/t2@1', 2, true],
      ['a/t2@2', 4, true],
    ]);
  });
});

describe('sweep with ASHA, in this process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-asha-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // A "model" whose validation value is its configuration's quality q at every epoch.
  const epochsTrained: Record<string, number> = {};
  const train = async (config: { q: number }, _data: null, context: TrialContext) => {
    let epoch = 0;
    while (epoch < 4) {
      epoch++;
      if ((await context.report(epoch, config.q)) === 'prune') break;
    }
    epochsTrained[context.key] = epoch;
    return { value: config.q, epochs: epoch };
  };
  const options = () => ({
    name: 'quality',
    outDir: join(dir, 'out'),
    units: { u: () => null },
    seed: 3,
    space: { q: [0.5, 0.9, 0.1, 0.7, 0.3, 0.8] },
    prune: asha({ minResource: 1, reductionFactor: 2, maxResource: 4 }),
    train,
  });

  it('prunes as the rule says in arrival order, stores pruned trials, and a rerun trains nothing', async () => {
    const result = await sweep(options());
    // By hand, η = 2, rungs at epochs 1 and 2, trials in grid order:
    // 0.5 first everywhere → on; 0.9 → on; 0.1: 2 better of 3, 1 place → pruned at 1;
    // 0.7: rung 1 2 places, 1 better → on; rung 2: 1 place, 0.9 better → pruned at 2;
    // 0.3: 3 better of 5, 2 places → pruned at 1; 0.8: rung 1 3 places, rung 2 2 places, 1 better → on.
    expect(result.trials.map((t) => [t.config.q, t.pruned ?? null, t.metrics.epochs])).toEqual([
      [0.5, null, 4],
      [0.9, null, 4],
      [0.1, 1, 1],
      [0.7, 2, 2],
      [0.3, 1, 1],
      [0.8, null, 4],
    ]);
    const rerun = await sweep(options());
    expect(rerun).toMatchObject({ trained: 0, resumed: 6, complete: true });
    expect(rerun.trials.map((t) => t.pruned ?? null)).toEqual([null, null, 1, 2, 1, null]);
  });

  it('a run stopped partway and resumed gives the records of an uninterrupted run', async () => {
    const whole = await sweep({ ...options(), outDir: join(dir, 'whole') });
    const stop = new AbortController();
    let seen = 0;
    const partial = sweep({
      ...options(),
      train: async (config: { q: number }, data: null, context: TrialContext) => {
        if (++seen === 4) {
          // Killed during the fourth trial, after its first rung was decided and stored.
          await context.report(1, config.q);
          stop.abort();
          throw new Error('killed');
        }
        return train(config, data, context);
      },
      signal: stop.signal,
    });
    await expect(partial).rejects.toThrow();
    const rungLines = readFileSync(join(dir, 'out', RUNGS_FILE), 'utf8');
    expect(rungLines).toContain('"u/q=0.7@0"');
    const resumed = await sweep(options());
    expect(resumed).toMatchObject({ trained: 3, resumed: 3 });
    const strip = (r: typeof whole) => r.trials.map(({ seconds: _, ...t }) => t);
    expect(strip(resumed)).toEqual(strip(whole));
  });

  it('a pruner changes the header: a run with other settings is refused', async () => {
    await sweep(options());
    await expect(
      sweep({ ...options(), prune: asha({ minResource: 1, reductionFactor: 3, maxResource: 4 }) }),
    ).rejects.toThrow(/belongs to a different run: fingerprint.prune.reductionFactor is 2/);
  });
});
