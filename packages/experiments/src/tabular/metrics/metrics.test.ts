/**
 * Metrics against reference values from scikit-learn and SciPy. Regenerate the fixtures with
 *   /usr/bin/python3 packages/experiments/scripts/tabular/make-metric-fixtures.py
 * (run from the repository root; writes src/tabular/fixtures/metric-fixtures.json).
 */
import { readFileSync } from 'node:fs';
import { erfc } from '@snn/selu';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../../../internal/snn-error';
import { accuracy, argmaxRows } from './accuracy';
import { normalSf } from './normal-distribution';
import { averageRankStandardErrors, averageRanks, datasetRanks, rankData } from './rank-data';
import { rocAuc } from './roc-auc';
import { meanStd } from './summary';
import { wilcoxonSignedRank } from './wilcoxon';

interface Fixtures {
  accuracy: Array<{ name: string; yTrue: number[]; yPred: number[]; accuracy: number }>;
  rocAuc: Array<{ name: string; yTrue: number[]; yScore: number[]; auc: number }>;
  rankData: Array<{ values: number[]; ranks: number[] }>;
  averageRanks: Array<{
    scores: number[][];
    datasetRanks: number[][];
    averageRanks: number[];
    standardErrors: number[];
  }>;
  wilcoxon: Array<{
    name: string;
    x: number[];
    y: number[];
    n: number;
    method: 'exact' | 'approx';
    statistic: number;
    pValue: number;
    pValueLess: number;
  }>;
}

const fixtures: Fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/metric-fixtures.json', import.meta.url), 'utf8'),
);

describe('accuracy (sklearn.metrics.accuracy_score)', () => {
  for (const c of fixtures.accuracy) {
    it(c.name, () => expect(accuracy(c.yTrue, c.yPred)).toBe(c.accuracy));
  }
  it('argmaxRows takes the first maximum', () => {
    expect([...argmaxRows([0.2, 0.5, 0.5, 0.9, 0.1, 0], 3)]).toEqual([1, 0]);
  });
  it('rejects mismatched lengths', () => expect(() => accuracy([1], [1, 2])).toThrow(SnnError));
});

describe('rocAuc (sklearn.metrics.roc_auc_score)', () => {
  for (const c of fixtures.rocAuc) {
    it(c.name, () => expect(rocAuc(c.yTrue, c.yScore)).toBeCloseTo(c.auc, 12));
  }
  it('rejects a single class and non-binary labels', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/both classes/);
    expect(() => rocAuc([0, 2], [0.2, 0.3])).toThrow(/only 0 and 1/);
  });
});

describe('rankData, datasetRanks and averageRanks (scipy.stats.rankdata)', () => {
  for (const [i, c] of fixtures.rankData.entries()) {
    it(`rankData case ${i}`, () => expect(rankData(c.values)).toEqual(c.ranks));
  }
  for (const c of fixtures.averageRanks) {
    const label = `${c.scores.length} datasets × ${c.scores[0]!.length} methods`;
    it(`averageRanks ${label}`, () => {
      const got = averageRanks(c.scores);
      c.averageRanks.forEach((r, j) => expect(got[j]).toBeCloseTo(r, 12));
      // The ranks of k methods always average to (k + 1) / 2.
      const k = got.length;
      expect(got.reduce((a, b) => a + b, 0) / k).toBeCloseTo((k + 1) / 2, 12);
    });
    it(`datasetRanks and the standard errors of the averages (scipy.stats.sem) ${label}`, () => {
      const ranks = datasetRanks(c.scores);
      expect(ranks).toEqual(c.datasetRanks);
      const errors = averageRankStandardErrors(ranks);
      c.standardErrors.forEach((e, j) => expect(errors[j]).toBeCloseTo(e, 12));
    });
  }
  it('has no standard error for one dataset, and names the row of a ragged table', () => {
    expect(averageRankStandardErrors(datasetRanks([[0.9, 0.8]]))).toEqual([null, null]);
    expect(() => datasetRanks([[0.9, 0.8], [0.7]])).toThrow(
      /row 1 has 1; pass one score per method/,
    );
  });
});

describe('wilcoxonSignedRank (scipy.stats.wilcoxon, two-sided and less)', () => {
  for (const c of fixtures.wilcoxon) {
    it(`${c.name} (${c.method}, n=${c.n})`, () => {
      const got = wilcoxonSignedRank(c.x, c.y);
      expect(got.method).toBe(c.method);
      expect(got.n).toBe(c.n);
      expect(got.statistic).toBeCloseTo(c.statistic, 9);
      // Exact p-values are ratios of integers; normal tails agree to ~1e-13 relative.
      expect(Math.abs(got.pValue - c.pValue)).toBeLessThanOrEqual(1e-12 + 1e-10 * c.pValue);
      expect(Math.abs(got.pValueLess - c.pValueLess)).toBeLessThanOrEqual(
        1e-12 + 1e-10 * c.pValueLess,
      );
    });
  }
});

describe('normal distribution', () => {
  it('erfc matches known values across its branches', () => {
    // Reference values: scipy.special.erfc (SciPy 1.10.1), printed with repr().
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(1)).toBeCloseTo(0.15729920705028516, 15);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 15);
    expect(erfc(2) / 0.004677734981047266).toBeCloseTo(1, 12);
    expect(erfc(3) / 2.2090496998585445e-5).toBeCloseTo(1, 12);
    expect(erfc(6) / 2.1519736712498913e-17).toBeCloseTo(1, 12);
  });
  it('normalSf at the 97.5% quantile', () => {
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 14);
  });
});

describe('meanStd', () => {
  it('uses the sample standard deviation', () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3) });
    expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0 });
  });
});
