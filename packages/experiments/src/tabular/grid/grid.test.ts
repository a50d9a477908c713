import { describe, expect, it } from 'vitest';
import { ARCHITECTURES } from './architectures';
import { configurationId, expandGrid } from './expand-grid';
import { builtinGrid, validateGrid } from './grid-spec';
import { resolveGrid } from './resolve-grid';

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
