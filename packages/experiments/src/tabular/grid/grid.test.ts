import { fileURLToPath } from 'node:url';
import { readStoreBytes, storeFileIn } from '@snn/sweep';
import { describe, expect, it } from 'vitest';
import { builtinGrid, resolveGrid } from '../builtin-grid';
import { gridTasks } from '../run/grid-task';
import { ARCHITECTURES } from './architectures';
import { configurationId, expandGrid } from './expand-grid';
import { checkGridLimits } from './grid-limits';
import { validateGrid } from './grid-spec';

describe('the paper grids (PAPER.md)', () => {
  const size = (benchmark: 'uci' | 'htru2' | 'tox21', arch: (typeof ARCHITECTURES)[number]) =>
    expandGrid(builtinGrid(benchmark, 'paper'), arch).length;

  it('UCI: units × layers × lr × dropout × shape as the paper lists them', () => {
    expect(size('uci', 'snn')).toBe(3 * 6 * 3 * 2 * 2);
    expect(size('uci', 'msra')).toBe(3 * 6 * 3 * 2 * 2);
    for (const arch of ['batchnorm', 'layernorm', 'weightnorm'] as const) {
      expect(size('uci', arch)).toBe(3 * 6 * 3 * 2);
    }
    expect(size('uci', 'highway')).toBe(6 * 3 * 2);
    // ResNet: blocks {2,3,4,8,16} × units × lr × block shape × bottleneck {25%, 50%}.
    expect(size('uci', 'resnet')).toBe(5 * 3 * 3 * 2 * 2);
    const snn = expandGrid(builtinGrid('uci', 'paper'), 'snn');
    expect(new Set(snn.map((c) => c.dropout))).toEqual(new Set([0, 0.05]));
    expect(new Set(snn.map((c) => c.lr))).toEqual(new Set([0.01, 0.1, 1]));
  });

  it('HTRU2 and Tox21', () => {
    expect(size('htru2', 'snn')).toBe(3 * 5 * 3 * 2 * 2);
    expect(size('htru2', 'batchnorm')).toBe(3 * 5 * 3 * 2);
    expect(size('tox21', 'snn')).toBe(2 * 7 * 3 * 3 * 2 * 2);
    expect(size('tox21', 'batchnorm')).toBe(2 * 7 * 3 * 3 * 2);
  });

  it('quick grids are small and cover every architecture', () => {
    for (const benchmark of ['uci', 'htru2', 'tox21'] as const) {
      for (const arch of ARCHITECTURES) {
        expect(size(benchmark, arch)).toBeGreaterThan(0);
        expect(expandGrid(builtinGrid(benchmark, 'quick'), arch).length).toBeLessThanOrEqual(8);
      }
    }
  });

  it('configuration ids are unique and readable', () => {
    const all = expandGrid(builtinGrid('uci', 'paper'), 'resnet').map(configurationId);
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toBe(
      'resnet/depth=2/width=1024/lr=0.01/dropout=0/shape=rectangular/l2=0/blockShape=rectangular/bottleneck=0.25',
    );
  });
});

describe('table1-small: the UCI paper grid cut alike for all seven', () => {
  const paper = builtinGrid('uci', 'paper');
  const cut = builtinGrid('uci', 'table1-small');
  // The paper's UCI values (PAPER.md): every kept value must be one of them.
  const PAPER_UCI = {
    depth: [2, 3, 4, 8, 16, 32],
    width: [1024, 512, 256],
    lr: [0.01, 0.1, 1],
    resnetBlocks: [2, 3, 4, 8, 16],
  };

  it('keeps the paper budget: 100 epochs, the same batch size, every architecture', () => {
    expect(cut.epochs).toBe(100);
    expect(cut.batchSize).toBe(paper.batchSize);
    expect(Object.keys(cut.archs).sort()).toEqual([...ARCHITECTURES].sort());
  });

  it('the same reduced depth (deep networks included), width and learning rate for all', () => {
    const layered = ARCHITECTURES.filter((a) => a !== 'resnet');
    const first = cut.archs[layered[0]!]!;
    expect(Math.max(...first.depth)).toBeGreaterThanOrEqual(16);
    expect(first.depth.length).toBeGreaterThan(1);
    for (const arch of ARCHITECTURES) {
      const axes = cut.archs[arch]!;
      if (arch !== 'resnet') expect(axes.depth).toEqual(first.depth);
      expect(axes.width).toEqual(first.width);
      expect(axes.lr).toEqual(first.lr);
      for (const w of axes.width) expect(PAPER_UCI.width).toContain(w);
      for (const lr of axes.lr) expect(PAPER_UCI.lr).toContain(lr);
      for (const d of axes.depth) {
        expect(arch === 'resnet' ? PAPER_UCI.resnetBlocks : PAPER_UCI.depth).toContain(d);
      }
    }
    // ResNet blocks hold two layers each: the deepest ResNet is as deep as the deepest others.
    expect(2 * Math.max(...cut.archs.resnet!.depth)).toBe(Math.max(...first.depth));
  });

  it('architecture-specific axes: dropout as the paper has it, shapes cut to one alike', () => {
    for (const arch of ARCHITECTURES) {
      const p = paper.archs[arch]!;
      const c = cut.archs[arch]!;
      expect(c.dropout).toEqual(p.dropout);
      expect(c.l2).toEqual(p.l2);
      for (const key of ['shape', 'blockShape', 'bottleneck'] as const) {
        expect(c[key] === undefined).toBe(p[key] === undefined);
        if (c[key] !== undefined) {
          expect(c[key]!.length).toBe(1);
          expect(p[key]).toContain(c[key]![0]);
        }
      }
    }
    const shapes = ARCHITECTURES.flatMap((a) => cut.archs[a]!.shape ?? []);
    expect(new Set(shapes).size).toBe(1);
  });

  it('configurations: dropout doubles SNN, MSRA and highway as in the paper', () => {
    const n = (arch: (typeof ARCHITECTURES)[number]) => expandGrid(cut, arch).length;
    // 2 depths × 1 width × 2 learning rates, × 2 dropout rates where the paper has two.
    expect(n('snn')).toBe(2 * 2 * 2);
    expect(n('msra')).toBe(2 * 2 * 2);
    expect(n('highway')).toBe(2 * 2 * 2);
    for (const arch of ['batchnorm', 'layernorm', 'weightnorm', 'resnet'] as const) {
      expect(n(arch)).toBe(2 * 2);
    }
  });

  it('is, byte for byte, the grid the committed runs were made with (so they resume)', () => {
    const results = fileURLToPath(new URL('../../../docs/results/', import.meta.url));
    const header = (run: string) => {
      const store = readStoreBytes(storeFileIn(`${results}${run}`)).toString('utf8');
      return JSON.parse(store.slice(0, store.indexOf('\n')));
    };
    for (const run of ['uci-small', 'uci-large', 'uci-small-seed2']) {
      expect(JSON.stringify(header(run).fingerprint.grid)).toBe(JSON.stringify(cut));
    }
  });

  it('is a UCI grid: htru2 and tox21 refuse it with the names they accept', () => {
    expect(resolveGrid('uci', 'table1-small').name).toBe('table1-small');
    expect(() => resolveGrid('htru2', 'table1-small')).toThrow(/exists for snn uci only/);
  });
});

describe('validateGrid', () => {
  it('accepts a grid file and fills defaults on expansion', () => {
    const grid = validateGrid(
      { epochs: 3, batchSize: 8, archs: { snn: { depth: [2], width: [4], lr: [0.1] } } },
      'tiny.json',
    );
    expect(grid.name).toBe('tiny.json');
    expect(expandGrid(grid, 'snn')).toEqual([
      { arch: 'snn', depth: 2, width: 4, lr: 0.1, dropout: 0, shape: 'rectangular', l2: 0 },
    ]);
    expect(() => expandGrid(grid, 'msra')).toThrow(/no axes for architecture 'msra'/);
  });

  it('names the bad field', () => {
    const bad = (archs: unknown) => () =>
      validateGrid({ epochs: 3, batchSize: 8, archs }, 'g.json');
    expect(bad({ snn: { depth: [0], width: [4], lr: [0.1] } })).toThrow(/archs\.snn\.depth/);
    expect(bad({ snn: { depth: [2], width: [4], lr: [0.1], dropout: [1] } })).toThrow(/dropout/);
    expect(bad({ vgg: { depth: [2], width: [4], lr: [0.1] } })).toThrow(/"vgg"/);
    expect(bad({ snn: { depth: [2], width: [4], lr: [0.1], units: [3] } })).toThrow(/"units"/);
    expect(() => validateGrid({ epochs: 0, batchSize: 8, archs: {} }, 'g.json')).toThrow(/epochs/);
  });
});

describe('grid limits: a grid file is checked before it expands', () => {
  const one = { depth: [2], width: [4], lr: [0.1] };
  const grid = (epochs: number, archs: Record<string, unknown>) =>
    validateGrid({ epochs, batchSize: 8, archs }, 'g.json');

  it('refuses epochs, widths and depths above the limits, naming the field and the variable', () => {
    expect(() => grid(1e9, { snn: one })).toThrow(
      'grid g.json: `epochs`: 1,000,000,000 epochs per configuration, more than the limit of 100,000; if this is intended, raise the limit: SNN_MAX_EPOCHS=1000000000',
    );
    expect(() => grid(3, { snn: { ...one, width: [64, 1e9] } })).toThrow(
      'grid g.json: `archs.snn.width`: 1,000,000,000 units in one layer, more than the limit of 65,536; if this is intended, raise the limit: SNN_MAX_WIDTH=1000000000',
    );
    expect(() => grid(3, { msra: { ...one, depth: [1e9] } })).toThrow(
      /grid g\.json: `archs\.msra\.depth`: 1,000,000,000 hidden layers in one network, more than the limit of 1,024; .*SNN_MAX_DEPTH=1000000000/,
    );
  });

  it('refuses a grid of 9 million configurations without expanding it', () => {
    const axis = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
    const huge = {
      snn: {
        depth: axis(30, (i) => i + 1),
        width: axis(30, (i) => i + 1),
        lr: axis(50, (i) => (i + 1) / 100),
        dropout: axis(50, (i) => i / 100),
        shape: ['rectangular', 'conic'],
        l2: axis(2, (i) => i),
      },
    };
    // 30 · 30 · 50 · 50 · 2 · 2 = 9,000,000 points.
    expect(() => grid(3, huge)).toThrow(
      'grid g.json: the configurations it expands to: 9,000,000 configurations in one run, more than the limit of 2,000,000; if this is intended, raise the limit: SNN_MAX_CONFIGURATIONS=9000000',
    );
  });

  it('counts the paper grids as the paper does, and a run as grid points × data units', () => {
    // UCI: SNN and MSRA 6·3·3·2·2 = 216 each, three normalizations 6·3·3·2 = 108 each,
    // highway 6·1·3·2 = 36, ResNet 5·3·3·2·2 = 180.
    expect(checkGridLimits(builtinGrid('uci', 'paper'), 'paper')).toBe(972);
    // 121 data sets × 4 folds.
    expect(checkGridLimits(builtinGrid('uci', 'paper'), 'paper', 484)).toBe(470_448);
    process.env.SNN_MAX_CONFIGURATIONS = '10';
    try {
      // The quick UCI grid has 8 SNN points (2 depths · 2 rates · 2 dropouts); two folds make 16.
      const part = (p: string) => ({
        unit: `iris/${p}`,
        dataset: 'iris',
        part: p,
        trainRows: 95,
        inputs: 4,
      });
      expect(gridTasks([part('fold1')], ['snn'], builtinGrid('uci', 'quick'), 1)).toHaveLength(8);
      expect(() =>
        gridTasks([part('fold1'), part('fold2')], ['snn'], builtinGrid('uci', 'quick'), 1),
      ).toThrow(
        /grid quick on 2 data units: the configurations of the run: 16 configurations in one run, more than the limit of 10;/,
      );
    } finally {
      process.env.SNN_MAX_CONFIGURATIONS = '';
    }
    expect(() => checkGridLimits(builtinGrid('uci', 'paper'), 'paper', 10_000)).toThrow(
      /grid paper on 10000 data units: the configurations of the run: 9,720,000 configurations in one run/,
    );
  });
});

describe('gridTasks', () => {
  const part = (dataset: string, trainRows: number, inputs: number) => ({
    unit: `${dataset}/fold1`,
    dataset,
    part: 'fold1',
    trainRows,
    inputs,
  });

  it('schedules the cheapest data unit first and the largest network first within a unit', () => {
    const grid = builtinGrid('uci', 'quick');
    const tasks = gridTasks(
      [part('big', 5000, 40), part('tiny', 50, 4), part('mid', 500, 10)],
      ['snn', 'highway'],
      grid,
      1,
    );
    const units = [...new Set(tasks.map((t) => t.dataset))];
    expect(units).toEqual(['tiny', 'mid', 'big']);
    for (const dataset of units) {
      const costs = tasks.filter((t) => t.dataset === dataset).map((t) => t.cost);
      expect(costs).toEqual([...costs].sort((a, b) => b - a));
    }
  });

  it('gives every task the same seed whatever order the parts come in', () => {
    const grid = builtinGrid('uci', 'quick');
    const parts = [part('a', 100, 5), part('b', 100, 5), part('c', 30, 5)];
    const seeds = (ps: typeof parts) =>
      Object.fromEntries(gridTasks(ps, ['snn'], grid, 7).map((t) => [t.key, t.seed]));
    expect(seeds([...parts].reverse())).toEqual(seeds(parts));
  });
});
