import { describe, expect, it } from 'vitest';
import { reportUci } from './uci-report';
import { SEED_1, SEED_2, type SeedAccuracies, seedPlan, seedRecords } from './uci-seed-fixtures';
import { uciSeedSpread } from './uci-seed-spread';

function run(seed: number, accuracies: SeedAccuracies) {
  return reportUci(seedPlan(seed), seedRecords(accuracies));
}

describe('uciSeedSpread', () => {
  const one = run(1, SEED_1);
  const two = run(2, SEED_2);

  it('gives each architecture its average rank, place and rank range per run (hand-computed)', () => {
    const spread = uciSeedSpread([one, two]);
    expect(spread.seeds).toEqual([1, 2]);
    expect(spread.datasets).toEqual(['a', 'b', 'c']);
    // Mean of both runs' average ranks: msra 23/12, batchnorm 2, snn 25/12.
    expect(spread.rows.map((r) => r.arch)).toEqual(['msra', 'batchnorm', 'snn']);
    const row = (arch: string) => spread.rows.find((r) => r.arch === arch)!;
    expect(row('snn').averageRank[0]).toBeCloseTo(5.5 / 3, 12);
    expect(row('snn').averageRank[1]).toBeCloseTo(7 / 3, 12);
    expect(row('msra').averageRank[1]).toBeCloseTo(2, 12);
    expect(row('batchnorm').averageRank[1]).toBeCloseTo(5 / 3, 12);
    expect(row('snn').place).toEqual([1.5, 3]);
    expect(row('msra').place).toEqual([1.5, 2]);
    expect(row('batchnorm').place).toEqual([3, 1]);
    expect(row('snn').rankRange).toBeCloseTo(0.5, 12);
    expect(row('msra').rankRange).toBeCloseTo(1 / 6, 12);
    expect(row('batchnorm').rankRange).toBeCloseTo(2 / 3, 12);
    expect(spread.best).toEqual(['snn', 'batchnorm']);
  });

  it('measures per-set rank changes, their standard error and accuracy changes (hand-computed)', () => {
    const spread = uciSeedSpread([one, two]);
    const row = (arch: string) => spread.rows.find((r) => r.arch === arch)!;
    // snn's per-set changes −1, −0.5, 0: mean |·| 0.5, sample sd 0.5, se 0.5/√3.
    expect(row('snn').meanSetRankChange).toBeCloseTo(0.5, 12);
    expect(row('snn').rankChangeStandardError).toBeCloseTo(0.5 / Math.sqrt(3), 12);
    // msra: 1, −1.5, 0: mean |·| 2.5/3; variance (49 + 64 + 1)/36/2 = 57/36.
    expect(row('msra').meanSetRankChange).toBeCloseTo(2.5 / 3, 12);
    expect(row('msra').rankChangeStandardError).toBeCloseTo(Math.sqrt(57 / 36 / 3), 12);
    // batchnorm: 0, 2, 0: variance (4 + 16 + 4)/9/2 = 4/3.
    expect(row('batchnorm').rankChangeStandardError).toBeCloseTo(Math.sqrt(4 / 9), 12);
    expect(row('snn').meanAccuracyChange).toBeCloseTo(0.125 / 3, 12);
    expect(row('msra').meanAccuracyChange).toBeCloseTo(0.25 / 3, 12);
    expect(row('batchnorm').meanAccuracyChange).toBeCloseTo(0.25 / 3, 12);
  });

  it('compares a size group on its sets only', () => {
    const large = uciSeedSpread([one, two], 'large');
    expect(large.datasets).toEqual(['c']);
    for (const row of large.rows) {
      expect(row.rankRange).toBe(0);
      expect(row.meanSetRankChange).toBe(0);
    }
    const small = uciSeedSpread([one, two], 'small');
    expect(small.datasets).toEqual(['a', 'b']);
    expect(small.rows.find((r) => r.arch === 'snn')!.averageRank).toEqual([1.25, 2]);
  });

  it('compares on the sets complete in every run', () => {
    const partial = run(3, { a: SEED_2.a!, b: SEED_2.b! });
    expect(partial.incomplete).toEqual(['c']);
    expect(uciSeedSpread([one, partial]).datasets).toEqual(['a', 'b']);
    expect(() => uciSeedSpread([one, partial], 'large')).toThrow(
      /no large set is complete in every run/,
    );
  });

  it('refuses fewer than two runs, runs that differ in more than the seed, and repeated seeds', () => {
    expect(() => uciSeedSpread([one])).toThrow(/at least two runs to compare, got 1/);
    const otherEpochs = reportUci(
      { ...seedPlan(2), grid: { ...seedPlan(2).grid, epochs: 20 } },
      [],
    );
    expect(() => uciSeedSpread([one, otherEpochs])).toThrow(
      /differ only in their seed, but grid.epochs is 12 in run 1, run 2 has 20/,
    );
    expect(() => uciSeedSpread([one, run(1, SEED_2)])).toThrow(/runs 1 and 2 both have seed 1/);
  });
});
