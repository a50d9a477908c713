import { asha, randomPoint, taskSeed } from '@snn/sweep';
import { describe, expect, it } from 'vitest';
import { tabularBenchmark } from '../benchmarks';
import { foldUnit } from '../data/unit-key';
import { expandGrid, gridSpace } from '../grid/expand-grid';
import type { GridSpec } from '../grid/grid-axes';
import { selectFromRecords } from '../report/select-records';
import type { ResultRecord } from '../store/result-record';
import { gridOrder, gridTasks } from './grid-task';
import { checkPlanLimits } from './plan-limits';
import { planSearch, tabularAsha } from './tabular-search';

const GRID: GridSpec = {
  name: 'search-test',
  epochs: 27,
  batchSize: 16,
  archs: {
    snn: { depth: [1, 2, 3], width: [8, 16], lr: [0.01, 0.1], dropout: [0, 0.05] },
    msra: { depth: [1, 2], width: [8], lr: [0.1] },
  },
};
const parts = ['iris', 'wine'].map((d) => ({ ...foldUnit(d, 1), trainRows: 100, inputs: 4 }));

describe('random search over a grid', () => {
  it('draws `trials` configurations per architecture from its axes, the same on every unit', () => {
    const tasks = gridTasks(parts, ['snn', 'msra'], GRID, 5, { type: 'random', trials: 4 });
    expect(tasks).toHaveLength(2 * 2 * 4);
    const space = gridSpace(GRID, 'snn');
    for (const t of tasks.filter((x) => x.config.arch === 'snn')) {
      // Trial i is randomPoint of the architecture's axes with the seed 'search/<arch>' gives.
      expect(t.config).toEqual({
        arch: 'snn',
        ...randomPoint(space, taskSeed(5, 'search/snn'), t.trial!),
      });
      expect(t.key).toMatch(new RegExp(`^${t.dataset}/fold1/trial=${t.trial}/snn/depth=`));
      expect(t.bracket).toBe(`${t.unit}/snn`);
      expect(t.seed).toBe(taskSeed(5, t.key));
    }
    const grid = new Set(expandGrid(GRID, 'snn').map((c) => JSON.stringify(c)));
    expect(tasks.every((t) => t.config.arch !== 'snn' || grid.has(JSON.stringify(t.config)))).toBe(
      true,
    );
    // More trials only add tasks: the first four keep their keys.
    const more = gridTasks(parts, ['snn', 'msra'], GRID, 5, { type: 'random', trials: 6 });
    const keys = new Set(more.map((t) => t.key));
    expect(tasks.every((t) => keys.has(t.key))).toBe(true);
  });

  it('the grid stays the default: same tasks and keys as before', () => {
    const plain = gridTasks(parts, ['snn'], GRID, 5);
    expect(plain.map((t) => t.key)).toEqual(
      gridTasks(parts, ['snn'], GRID, 5, { type: 'grid' }).map((t) => t.key),
    );
    expect(plain.every((t) => t.trial === undefined && !t.key.includes('trial='))).toBe(true);
    expect(plain).toHaveLength(2 * 24);
  });

  it('a plan records search and pruning only when they are not the paper’s', () => {
    expect(planSearch({ seed: 1 })).toEqual({ search: { type: 'grid' } });
    const prune = tabularAsha(100);
    expect(prune).toEqual(asha({ minResource: 4, reductionFactor: 3, maxResource: 100 }));
    expect(planSearch({ search: { type: 'random', trials: 3 }, prune })).toEqual({
      search: { type: 'random', trials: 3 },
      prune,
    });
    expect(() => planSearch({ search: { type: 'random', trials: -1 } })).toThrow(
      /`trials` must be an integer ≥ 1/,
    );
  });
});

describe('selection with pruned records', () => {
  const record = (
    key: string,
    validation: number[],
    test: number,
    pruned?: number,
  ): ResultRecord => ({
    type: 'result',
    key,
    unit: 'iris/fold1',
    dataset: 'iris',
    part: 'fold1',
    config: { arch: 'snn', depth: 1, width: 8, lr: 0.1, dropout: 0, shape: 'rectangular', l2: 0 },
    seed: 1,
    loss: validation,
    validation,
    test: validation.map(() => test),
    diverged: false,
    seconds: 1,
    backend: 'cpu',
    ...(pruned === undefined ? {} : { pruned }),
  });

  it('picks among configurations trained to the end; a tie goes to the lower trial', () => {
    const order = gridOrder(GRID, ['snn']);
    const records = [
      record('iris/fold1/trial=3/snn/x', [0.9, 0.9], 0.5),
      record('iris/fold1/trial=1/snn/x', [0.99, 0.99], 0.9, 1), // pruned: no candidate
      record('iris/fold1/trial=2/snn/x', [0.9, 0.9], 0.7),
    ];
    const selected = selectFromRecords('fold1', records, order)!;
    expect(selected).toMatchObject({ validation: 0.9, test: 0.7 }); // trial 2's
    // Same configuration and values: the key decides, so arrival order never does.
    expect(selectFromRecords('fold1', [...records].reverse(), order)).toEqual(selected);
  });
});

describe('a queued plan of a random search', () => {
  it('is held to its trials, not to its grid × units, and a malformed search is refused', () => {
    // 24 snn configurations × 100 000 units is over the 2 000 000 limit; 4 trials × 100 000 is not.
    const plan = {
      datasets: Array.from({ length: 100_000 }, (_, i) => ({ name: `d${i}` })),
      split: 'paper',
      archs: ['snn'],
      grid: { ...GRID, archs: { snn: GRID.archs.snn } },
      seed: 1,
    };
    const header = (fingerprint: object) => ({
      type: 'run' as const,
      benchmark: 'uci',
      fingerprint,
    });
    const uci = tabularBenchmark('uci');
    expect(() => checkPlanLimits(uci, header(plan), 'job 1')).toThrow(/configurations/);
    expect(() =>
      checkPlanLimits(uci, header({ ...plan, search: { type: 'random', trials: 4 } }), 'job 1'),
    ).not.toThrow();
    expect(() =>
      checkPlanLimits(uci, header({ ...plan, search: { type: 'random', trials: 'all' } }), 'job 1'),
    ).toThrow(/job 1: the uci run header's search or prune/);
  });
});
