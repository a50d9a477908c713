import { describe, expect, it } from 'vitest';
import {
  compareHtru2,
  compareUci,
  quickCommandsReport,
  speedupLines,
} from './lib/quick-commands.mjs';

const uciRow = (dataset: string, arch: string, testAccuracy: number, configId: string) => ({
  dataset,
  arch,
  testAccuracy,
  validationAccuracy: 0,
  selected: { folds: [{ part: 'fold1', configId }] },
});

const htru2Row = (arch: string, folds: number[], configIds: string[]) => ({
  arch,
  auc: { mean: folds.reduce((s, v) => s + v, 0) / folds.length, folds },
  selected: configIds.map((configId, i) => ({ part: `fold${i + 1}`, configId })),
});

const machine = { date: 'd', cpuModel: 'c', cores: 2, node: 'v20', loadAverage: [0, 0, 0] };

/** The report of one comparison of `command` (snn-native against snn-wasm), no runs. */
const reportOf = (command: string, comparison: object) =>
  quickCommandsReport({
    machine,
    runs: [],
    comparisons: [{ command, a: 'snn-native', b: 'snn-wasm', ...comparison }],
    skipped: [],
  });

describe('quick-commands comparison', () => {
  it('finds the largest accuracy difference, the agreeing selections and the best architecture per set', () => {
    const a = {
      results: [
        uciRow('iris', 'snn', 0.96, 'snn/lr=0.1'),
        uciRow('iris', 'batchnorm', 0.94, 'bn/lr=0.1'),
        uciRow('glass', 'snn', 0.66, 'snn/lr=0.01'),
        uciRow('glass', 'batchnorm', 0.6, 'bn/lr=0.01'),
      ],
    };
    const b = {
      results: [
        uciRow('iris', 'snn', 0.96, 'snn/lr=0.1'),
        uciRow('iris', 'batchnorm', 0.98, 'bn/lr=0.01'),
        uciRow('glass', 'snn', 0.64, 'snn/lr=0.01'),
        uciRow('glass', 'batchnorm', 0.6, 'bn/lr=0.01'),
      ],
    };
    const c = compareUci(a, b);
    expect(c.cells).toBe(4);
    expect(c.sameSelections).toBe(3);
    expect(c.largest.where).toBe('iris/batchnorm');
    expect(c.largest.difference).toBeCloseTo(0.04, 12);
    expect(c.conclusionA).toEqual({ iris: 'snn', glass: 'snn' });
    expect(c.conclusionB).toEqual({ iris: 'batchnorm', glass: 'snn' });
    expect(c.rows[1]).toEqual({ where: 'iris/batchnorm', a: 0.94, b: 0.98, sameSelection: false });
    expect(reportOf('uci', c)).toContain('| iris/batchnorm | 0.9400 | 0.9800 | no |');
    expect(() => compareUci(a, { results: b.results.slice(1) })).toThrow(/iris\/snn is missing/);
  });

  it('compares HTRU2 fold by fold', () => {
    const a = { results: [htru2Row('snn', [0.97, 0.98], ['x', 'y'])] };
    const b = { results: [htru2Row('snn', [0.975, 0.98], ['x', 'z'])] };
    const c = compareHtru2(a, b);
    expect(c.cells).toBe(2);
    expect(c.sameSelections).toBe(1);
    expect(c.largest.where).toBe('snn/fold1');
    expect(c.largest.difference).toBeCloseTo(0.005, 12);
    expect(c.conclusionA.snn).toBeCloseTo(0.975, 12);
    const tiny = compareHtru2(a, { results: [htru2Row('snn', [0.970002, 0.98], ['x', 'y'])] });
    expect(reportOf('htru2', tiny)).toContain(
      'Largest difference of the test ROC-AUC per fold: 2.0e-6 (snn/fold1',
    );
  });

  it('reports the speed-up of snn-native over snn-wasm from the median wall times', () => {
    const runs = [
      { command: 'uci', backend: 'snn-native', requested: 'auto', wallSeconds: 20, round: 1 },
      { command: 'uci', backend: 'snn-wasm', requested: 'snn-wasm', wallSeconds: 50, round: 1 },
      { command: 'htru2', backend: 'snn-wasm', requested: 'auto', wallSeconds: 70, round: 1 },
    ];
    expect(speedupLines(runs)).toEqual([
      '- uci: snn-native 20.0 s, snn-wasm 50.0 s of wall time: 2.50× faster on snn-native.',
    ]);
    const md = quickCommandsReport({
      machine,
      runs: runs.map((r) => ({ ...r, cli: `snn ${r.command}`, workerSeconds: 1 })),
      comparisons: [],
      skipped: [{ name: 'tox21', reason: 'no offline copy' }],
    });
    expect(md).toContain('| `snn htru2` | auto | snn-wasm | 1 | 70.0 | 1.0 |');
    expect(md).toContain('Not run: tox21 (no offline copy).');
  });
});
