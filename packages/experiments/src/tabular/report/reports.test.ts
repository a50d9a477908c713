import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultStore } from '@snn/sweep';
import { afterAll, describe, expect, it } from 'vitest';
import { foldUnit, repeatUnit } from '../data/unit-key';
import type { GridSpec } from '../grid/grid-spec';
import { type Htru2Plan, reportHtru2 } from '../htru2/htru2-report';
import { mergeStores } from '../merge/merge-stores';
import { type Tox21Plan, reportTox21 } from '../tox21/tox21-report';
import { uciMarkdown } from '../uci/uci-markdown';
import { uciRankPlot } from '../uci/uci-plot';
import { type UciPlan, reportUci, selectedDepths } from '../uci/uci-report';
import { fakeRecord } from './test-records';

// Two configurations per architecture (depth 2 and 4), 12 epochs.
const grid: GridSpec = {
  name: 'test',
  epochs: 12,
  batchSize: 4,
  archs: {
    snn: { depth: [2, 4], width: [8], lr: [0.1] },
    batchnorm: { depth: [2, 4], width: [8], lr: [0.1] },
    msra: { depth: [2, 4], width: [8], lr: [0.1] },
  },
};

// Accuracies are multiples of 1/8 (exact in binary), so no rounding creates or hides ties.
const ACCURACY: Record<string, Record<string, number>> = {
  d1: { snn: 0.875, batchnorm: 0.75, msra: 0.75 },
  d2: { snn: 0.5, batchnorm: 0.75, msra: 0.25 },
  d3: { snn: 1, batchnorm: 0.625, msra: 0.5 },
};

const uciPlan: UciPlan = {
  datasets: [
    { name: 'd1', samples: 150, features: 4, classes: 3, testSource: 'fold' },
    { name: 'd2', samples: 1200, features: 4, classes: 2, testSource: 'fold' },
    { name: 'd3', samples: 500, features: 4, classes: 2, testSource: 'fold' },
  ],
  skipped: [],
  archs: ['snn', 'batchnorm', 'msra'],
  split: 'paper',
  grid,
  seed: 1,
  validationFraction: 0.15,
  smoothingWindow: 10,
  optimizer: 'sgd',
};

function uciRecords() {
  const records = [];
  for (const [dataset, byArch] of Object.entries(ACCURACY)) {
    for (const [arch, acc] of Object.entries(byArch)) {
      // Both depths tie on validation: the paper's rule picks depth 4, whose test accuracy is
      // the one in the table; depth 2 carries a decoy test accuracy of 0.
      records.push(fakeRecord(foldUnit(dataset, 1), { arch: arch as 'snn', depth: 2 }, 0.5, 0));
      records.push(fakeRecord(foldUnit(dataset, 1), { arch: arch as 'snn', depth: 4 }, 0.5, acc));
    }
  }
  return records;
}

describe('reportUci', () => {
  const result = reportUci(uciPlan, uciRecords());

  it('selects per dataset and architecture by the tie rule (more layers) at epoch 10', () => {
    expect(result.incomplete).toEqual([]);
    const row = result.results.find((r) => r.dataset === 'd2' && r.arch === 'batchnorm')!;
    expect(row.testAccuracy).toBe(0.75);
    expect(row.selected.folds[0]).toMatchObject({ part: 'fold1', epoch: 10, validation: 0.5 });
    expect(row.selected.folds[0]!.config.depth).toBe(4);
  });

  it('average ranks, differences to the mean rank and Wilcoxon p-values, hand-computed', () => {
    // Ranks: d1 snn 1, bn 2.5, msra 2.5; d2 bn 1, snn 2, msra 3; d3 snn 1, bn 2, msra 3.
    const all = result.ranks.all!;
    expect(all.best).toBe('snn');
    expect(all.averageRank.snn).toBeCloseTo(4 / 3, 12);
    expect(all.averageRank.batchnorm).toBeCloseTo(11 / 6, 12);
    expect(all.averageRank.msra).toBeCloseTo(17 / 6, 12);
    expect(all.rankDifference.snn).toBeCloseTo(-2 / 3, 12);
    // bn − snn = −1/8, +1/4, −3/8: ranks 1, 2, 3, R+ = 2; exact P(R+ ≤ 2) = 3/8 → p = 3/4.
    expect(all.wilcoxon.batchnorm).toEqual({
      statistic: 2,
      pValue: 0.75,
      pValueLess: 0.375,
      n: 3,
      method: 'exact',
    });
    // msra − snn all negative: R+ = 0, p = 2 · 1/8.
    expect(all.wilcoxon.msra!.pValue).toBe(0.25);
    // One-sided (msra worse than snn): P(R+ ≤ 0) = 1/8; for batchnorm, sums ≤ 2 of {1, 2, 3}: 3/8.
    expect(all.wilcoxon.msra!.pValueLess).toBe(0.125);
    expect(all.wilcoxon.snn).toBeNull();
  });

  it('standard errors of the average ranks and the sets won and lost against the best, hand-computed', () => {
    const all = result.ranks.all!;
    // snn 1, 2, 1: s² = (1/9 + 4/9 + 1/9)/2 = 1/3, s.e. = √(1/3 / 3) = 1/3.
    expect(all.rankStandardError.snn).toBeCloseTo(1 / 3, 12);
    // batchnorm 2.5, 1, 2 around 11/6: s² = (16 + 25 + 1)/36 / 2 = 7/12, s.e. = √7 / 6.
    expect(all.rankStandardError.batchnorm).toBeCloseTo(Math.sqrt(7) / 6, 12);
    // msra 2.5, 3, 3 around 17/6: s² = (4 + 1 + 1)/36 / 2 = 1/12, s.e. = 1/6.
    expect(all.rankStandardError.msra).toBeCloseTo(1 / 6, 12);
    // snn against batchnorm: better on d1 and d3, worse on d2; against msra better on all three.
    expect(all.versusBest).toEqual({
      snn: null,
      batchnorm: { bestBetter: 2, bestWorse: 1, tied: 0 },
      msra: { bestBetter: 3, bestWorse: 0, tied: 0 },
    });
    // One set: no spread to measure.
    expect(result.ranks.large!.rankStandardError.snn).toBeNull();
    const md = uciMarkdown(result);
    expect(md).toContain('| sets snn better / worse / tied all |');
    expect(md).toMatch(
      /\| batchnorm \| 1\.833 \| 0\.44 \| −0\.167 \| 0\.38 \| 0\.75 \| 2 \/ 1 \/ 0 \|/,
    );
  });

  it('counts the depths model selection picked, every depth of the grid listed', () => {
    // Both depths tie on validation in every set: the tie rule takes the deeper network.
    expect(selectedDepths(result)).toEqual({
      snn: [
        { depth: 2, count: 0 },
        { depth: 4, count: 3 },
      ],
      batchnorm: [
        { depth: 2, count: 0 },
        { depth: 4, count: 3 },
      ],
      msra: [
        { depth: 2, count: 0 },
        { depth: 4, count: 3 },
      ],
    });
    expect(uciMarkdown(result)).toContain('| msra | 2 layers: 0, 4 layers: 3 |');
  });

  it('splits the datasets at 1000 samples', () => {
    expect(result.ranks.small!.datasets).toEqual(['d1', 'd3']);
    expect(result.ranks.small!.averageRank).toEqual({ snn: 1, batchnorm: 2.25, msra: 2.75 });
    expect(result.ranks.large!.datasets).toEqual(['d2']);
    expect(result.ranks.large!.best).toBe('batchnorm');
    // One pair: exact p = 1.
    expect(result.ranks.large!.wilcoxon.snn!.pValue).toBe(1);
  });

  it('shows a size group only when it holds other sets than all of them', () => {
    const mixed = uciMarkdown(reportUci(uciPlan, uciRecords()));
    expect(mixed).toContain('| network | rank all (3) |');
    expect(mixed).toContain('| rank < 1000 (2) |');
    expect(mixed).toContain('| rank ≥ 1000 (1) |');
    // Without d2 (1200 samples) every set is small: one group, under its own name.
    const smallPlan = { ...uciPlan, datasets: uciPlan.datasets.filter((d) => d.name !== 'd2') };
    const small = uciMarkdown(
      reportUci(
        smallPlan,
        uciRecords().filter((r) => r.dataset !== 'd2'),
      ),
    );
    expect(small).toContain('| network | rank < 1000 (2) |');
    expect(small).not.toContain('rank all');
    expect(small).toContain('paper: Δ mean (75 small sets)');
    expect(small).not.toContain('46 large sets) |');
  });

  it("puts the paper's figure for its own sets of each group beside every panel of the rank plot", () => {
    type Bar = { group: string; arch: string; source: string; difference: number };
    const paperBars = (spec: ReturnType<typeof uciRankPlot>) =>
      ((spec as unknown as { data: { values: Bar[] } }).data.values as Bar[]).filter(
        (v) => v.source !== 'this run',
      );
    // The paper's figures (PAPER.md): Table 1 over 121 sets, SNN −0.756, BatchNorm +0.504; its
    // appendix over the 75 small sets, SNN −0.600, BatchNorm +0.460; the 46 large sets, SNN ≈ −0.98.
    const mixed = paperBars(uciRankPlot(reportUci(uciPlan, uciRecords())));
    const at = (bars: Bar[], panel: string, arch: string) =>
      bars.filter((b) => b.group.startsWith(panel) && b.arch === arch).map((b) => b.difference);
    expect(at(mixed, 'all:', 'snn')).toEqual([-0.756]);
    expect(at(mixed, 'all:', 'batchnorm')).toEqual([0.504]);
    expect(at(mixed, '< 1000:', 'snn')).toEqual([-0.6]);
    expect(at(mixed, '< 1000:', 'batchnorm')).toEqual([0.46]);
    expect(at(mixed, '≥ 1000:', 'snn')).toEqual([-0.98]);
    expect(at(mixed, '≥ 1000:', 'batchnorm')).toEqual([]);
    // A run of small sets only: one panel, and the paper's small-set figures beside it.
    const smallPlan = { ...uciPlan, datasets: uciPlan.datasets.filter((d) => d.name !== 'd2') };
    const small = paperBars(
      uciRankPlot(
        reportUci(
          smallPlan,
          uciRecords().filter((r) => r.dataset !== 'd2'),
        ),
      ),
    );
    expect(new Set(small.map((b) => b.group))).toEqual(
      new Set(['< 1000: 2 sets (paper: 75 small sets)']),
    );
    expect(at(small, '< 1000:', 'snn')).toEqual([-0.6]);
  });

  it('leaves a dataset with a missing configuration out of the ranking', () => {
    const partial = reportUci(uciPlan, uciRecords().slice(1));
    expect(partial.incomplete).toEqual(['d1']);
    expect(partial.ranks.all!.datasets).toEqual(['d2', 'd3']);
  });

  it('under random search a unit needs its trials, not the grid: 1 trial of 2 points is complete, 2 of 3 trials are not', () => {
    const trials = (n: number) => ({ ...uciPlan, search: { type: 'random' as const, trials: n } });
    const oneEach = uciRecords().filter((r) => r.config.depth === 4);
    expect(reportUci(trials(1), oneEach).incomplete).toEqual([]);
    expect(reportUci(trials(1), oneEach).ranks.all!.best).toBe('snn');
    expect(reportUci(trials(3), uciRecords()).incomplete).toEqual(['d1', 'd2', 'd3']);
  });
});

describe('reportHtru2', () => {
  const plan: Htru2Plan = {
    dataset: { samples: 100, features: 8, positives: 10 },
    archs: ['snn', 'batchnorm'],
    folds: 10,
    grid,
    seed: 1,
    smoothingWindow: 10,
    optimizer: 'sgd',
  };
  const snn = [0.97, 0.98, 0.99, 0.975, 0.985, 0.96, 0.965, 0.99, 0.98, 0.97];
  const records = [];
  for (let f = 1; f <= 10; f++) {
    for (const depth of [2, 4]) {
      const good = depth === 2;
      records.push(
        fakeRecord(
          foldUnit('htru2', f),
          { arch: 'snn', depth },
          good ? 0.9 : 0.8,
          good ? snn[f - 1]! : 0,
        ),
        // BatchNorm loses on every fold by a different margin (f·0.001).
        fakeRecord(
          foldUnit('htru2', f),
          { arch: 'batchnorm', depth },
          0.9,
          snn[f - 1]! - f * 0.001,
        ),
      );
    }
  }
  const result = reportHtru2(plan, records);

  it('mean ± sample std of the selected models’ fold AUCs', () => {
    const row = result.results.find((r) => r.arch === 'snn')!;
    expect(row.auc.folds).toEqual(snn);
    const mean = snn.reduce((a, b) => a + b, 0) / 10;
    expect(row.auc.mean).toBeCloseTo(mean, 12);
    const variance = snn.reduce((s, v) => s + (v - mean) ** 2, 0) / 9;
    expect(row.auc.std).toBeCloseTo(Math.sqrt(variance), 12);
    expect(row.selected).toHaveLength(10);
    expect(row.selected.every((s) => s.config.depth === 2)).toBe(true);
  });

  it('Wilcoxon across folds against the best: all 10 differences negative → p = 2/2¹⁰', () => {
    expect(result.wilcoxon!.best).toBe('snn');
    expect(result.wilcoxon!.tests.batchnorm!.pValue).toBeCloseTo(2 / 1024, 15);
  });
});

describe('reportTox21', () => {
  const plan: Tox21Plan = {
    dataset: { train: 100, test: 20, features: 5, tasks: ['a', 'b'] },
    archs: ['snn'],
    repeats: 2,
    grid: { ...grid, archs: { snn: { depth: [2, 4], width: [8], lr: [0.01, 0.1] } } },
    seed: 1,
    validationFraction: 0.15,
    smoothingWindow: 10,
    optimizer: 'sgd',
  };
  const records = [];
  // repeat r, depth d, lr: validation and test chosen so each selection is known.
  const table: Array<[number, number, number, number, number]> = [
    // repeat, depth, lr, validation, test
    [1, 2, 0.01, 0.7, 0.71],
    [1, 2, 0.1, 0.8, 0.81],
    [1, 4, 0.01, 0.75, 0.76],
    [1, 4, 0.1, 0.75, 0.9], // ties with lr 0.01 at depth 4: the smaller lr wins
    [2, 2, 0.01, 0.85, 0.83],
    [2, 2, 0.1, 0.6, 0.61],
    [2, 4, 0.01, 0.7, 0.73],
    [2, 4, 0.1, 0.72, 0.74],
  ];
  for (const [repeat, depth, lr, v, t] of table) {
    records.push(fakeRecord(repeatUnit('tox21', repeat), { arch: 'snn', depth, lr }, v, t));
  }
  const result = reportTox21(plan, records);

  it('selects per depth within each repeat, then averages over repeats', () => {
    const d2 = result.results.find((r) => r.depth === 2)!;
    expect(d2.auc.repeats).toEqual([0.81, 0.83]);
    const d4 = result.results.find((r) => r.depth === 4)!;
    expect(d4.auc.repeats).toEqual([0.76, 0.74]);
    expect(d4.auc.mean).toBeCloseTo(0.75, 12);
    expect(d4.auc.std).toBeCloseTo(Math.sqrt(2 * 0.01 ** 2), 12);
  });

  it('the best model per architecture is selected over all depths', () => {
    expect(result.best[0]!.auc.repeats).toEqual([0.81, 0.83]);
    expect(result.incomplete).toEqual([]);
  });
});

describe('mergeStores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-merge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const header = { type: 'run' as const, benchmark: 'uci' as const, fingerprint: uciPlan };

  it('the union of two shards reports exactly what one store would', async () => {
    const records = uciRecords();
    const a = ResultStore.open(join(dir, 'a', 'store.jsonl'), header);
    const b = ResultStore.open(join(dir, 'b', 'store.jsonl'), header);
    records.forEach((r, i) => (i % 2 === 0 ? a : b).append(r));
    b.append(records[0]!); // a configuration in both stores is kept once
    a.close();
    b.close();
    const merged = await mergeStores([join(dir, 'a'), join(dir, 'b', 'store.jsonl')], {
      out: join(dir, 'all'),
      progress: false,
    });
    expect(merged.benchmark).toBe('uci');
    expect(merged.run.complete).toBe(true);
    const written = JSON.parse(readFileSync(join(dir, 'all', 'uci.json'), 'utf8'));
    const direct = reportUci(uciPlan, records);
    expect(written.ranks).toEqual(JSON.parse(JSON.stringify(direct.ranks)));
    expect(written.results).toEqual(JSON.parse(JSON.stringify(direct.results)));
    const markdown = readFileSync(join(dir, 'all', 'uci.md'), 'utf8');
    expect(markdown).toContain('| snn | 1.333 | 0.33 | −0.667 |');
    // Both size groups are present: the paper's 75-small-set figures, SNN's on its 46 large sets
    // (the only one the paper gives), then all 121.
    expect(markdown).toContain(
      '| paper: Δ mean (75 small sets) | paper: Δ mean (46 large sets) | paper: Δ mean (121 sets) |',
    );
    expect(markdown).toMatch(/\| snn \|.* \| −0\.600 \| −0\.980 \| −0\.756 \|\n/);
    expect(markdown).toMatch(/\| msra \|.* \| −0\.300 \| — \| −0\.240 \|\n/);
  });

  it('an incomplete store gets no report, or with partial an interim one of its complete sets', async () => {
    const records = uciRecords().filter((r) => !(r.dataset === 'd3' && r.config.arch === 'msra'));
    const store = ResultStore.open(join(dir, 'running', 'store.jsonl'), header);
    for (const r of records) store.append(r);
    store.close();
    const none = await mergeStores([join(dir, 'running')], {
      out: join(dir, 'final'),
      progress: false,
    });
    expect(none.run.complete).toBe(false);
    expect(none.run.files).toEqual([]);
    const interim = await mergeStores([join(dir, 'running')], {
      out: join(dir, 'interim'),
      progress: false,
      partial: true,
    });
    expect(interim.run.complete).toBe(false);
    const markdown = readFileSync(join(dir, 'interim', 'uci.md'), 'utf8');
    expect(markdown).toMatch(/^> \*\*Interim report\*\*: 16 of 18 configurations stored\./);
    expect(markdown).toContain('Not ranked yet (configurations missing): d3.');
    const written = JSON.parse(readFileSync(join(dir, 'interim', 'uci.json'), 'utf8'));
    expect(written.ranks.all.datasets).toEqual(['d1', 'd2']);
    expect(written.ranks).toEqual(JSON.parse(JSON.stringify(reportUci(uciPlan, records).ranks)));
  });

  it('refuses stores of different runs', async () => {
    const other = ResultStore.open(join(dir, 'c', 'store.jsonl'), {
      ...header,
      fingerprint: { ...uciPlan, seed: 2 },
    });
    other.close();
    await expect(
      mergeStores([join(dir, 'a'), join(dir, 'c')], { out: join(dir, 'x'), progress: false }),
    ).rejects.toThrow(
      `merge: ${join(dir, 'c', 'store.jsonl')} comes from a different run than ${join(dir, 'a', 'store.jsonl')}: fingerprint.seed is 2 there, ${join(dir, 'a', 'store.jsonl')} has 1; merge only the shards of one command`,
    );
  });
});
