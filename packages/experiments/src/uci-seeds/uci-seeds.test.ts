import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultStore } from '@snn/sweep';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';
import { reportUci } from '../tabular/uci/uci-report';
import {
  SEED_1,
  SEED_2,
  type SeedAccuracies,
  seedPlan,
  seedRecords,
} from '../tabular/uci/uci-seed-fixtures';
import { uciSeedSpread } from '../tabular/uci/uci-seed-spread';
import { runUciSeeds } from './run-uci-seeds';

const dir = mkdtempSync(join(tmpdir(), 'snn-uci-seeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run folder holding a real store of `accuracies` under `plan`. */
function writeRun(name: string, plan: ReturnType<typeof seedPlan>, accuracies: SeedAccuracies) {
  const folder = join(dir, name);
  const store = ResultStore.open(join(folder, 'store.jsonl'), {
    type: 'run',
    benchmark: 'uci',
    fingerprint: plan,
  });
  for (const record of seedRecords(accuracies)) store.append(record);
  store.close();
  return folder;
}

describe('runUciSeeds', () => {
  let one: string;
  let two: string;
  beforeAll(() => {
    one = writeRun('seed1', seedPlan(1), SEED_1);
    two = writeRun('seed2', seedPlan(2), SEED_2);
  });

  it('compares the stores of two runs over all sets and each size group, and writes JSON, Markdown and plots', async () => {
    const out = join(dir, 'report');
    const result = await runUciSeeds({ runs: [one, two], out });
    const expected = (['all', 'small', 'large'] as const).map((group) =>
      uciSeedSpread(
        [reportUci(seedPlan(1), seedRecords(SEED_1)), reportUci(seedPlan(2), seedRecords(SEED_2))],
        group,
      ),
    );
    expect(result.spreads).toEqual(expected);
    const written = JSON.parse(readFileSync(join(out, 'uci-seeds.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify({ runs: [one, two], spreads: expected })));
    const markdown = readFileSync(join(out, 'uci-seeds.md'), 'utf8');
    // snn's average ranks 11/6 and 7/3 over the three sets, places 1.5 and 3, range 0.5.
    expect(markdown).toContain('## all sets (3)');
    expect(markdown).toContain('| snn | 1.833 | 2.333 | 1.5 / 3 | 0.500 | 0.50 | 0.289 | 0.0417 |');
    expect(markdown).toContain('Best by average rank: snn (seed 1), batchnorm (seed 2).');
    expect(readFileSync(join(out, 'uci-seeds.svg'), 'utf8')).toMatch(/^<svg/);
    const png = readFileSync(join(out, 'uci-seeds.png'));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('names a run of small sets only by its group, not twice', async () => {
    const smallPlan = (seed: number) => ({
      ...seedPlan(seed),
      datasets: seedPlan(seed).datasets.filter((d) => d.samples < 1000),
    });
    const small = (acc: SeedAccuracies) => ({ a: acc.a!, b: acc.b! });
    const a = writeRun('small1', smallPlan(1), small(SEED_1));
    const b = writeRun('small2', smallPlan(2), small(SEED_2));
    const result = await runUciSeeds({ runs: [a, b] });
    expect(result.spreads.map((s) => [s.group, s.datasets])).toEqual([['small', ['a', 'b']]]);
  });

  it('refuses a missing folder and a store that is not a UCI run, naming them', async () => {
    const missing = join(dir, 'no-such-run');
    await expect(runUciSeeds({ runs: [one, missing] })).rejects.toThrow(
      `snn uci-seeds: ${missing} does not exist; pass the --out folder (or store.jsonl) of a snn uci run`,
    );
    const folder = join(dir, 'htru2');
    ResultStore.open(join(folder, 'store.jsonl'), {
      type: 'run',
      benchmark: 'htru2',
      fingerprint: {},
    }).close();
    await expect(runUciSeeds({ runs: [one, folder] })).rejects.toThrow(
      `snn uci-seeds: ${folder} holds a htru2 run, expected a uci one`,
    );
  });
});

describe('snn uci-seeds', () => {
  it('runs from the command line and refuses a single run as a usage error', () => {
    const cli = builtFile('experiments', 'cli.js');
    const out = join(dir, 'cli');
    const ok = spawnSync(process.execPath, [cli, 'uci-seeds', one(), two(), '--out', out], {
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('all (3 sets): best snn / batchnorm');
    expect(readFileSync(join(out, 'uci-seeds.md'), 'utf8')).toContain('## sets ≥ 1000 samples (1)');
    const single = spawnSync(process.execPath, [cli, 'uci-seeds', one()], { encoding: 'utf8' });
    expect(single.status).toBe(2);
    expect(single.stderr).toContain('snn uci-seeds needs at least two run folders, got 1');
  }, 120_000);
});

function one(): string {
  return join(dir, 'seed1');
}
function two(): string {
  return join(dir, 'seed2');
}
