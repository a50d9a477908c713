import { describe, expect, it } from 'vitest';
import type { GridSpec } from '../grid/grid-spec';
import { tabularAsha } from '../run/tabular-search';
import { configurationsLine } from './format';

// snn: 2 depths × 2 learning rates = 4 points; msra: 2 depths = 2 points.
const grid: GridSpec = {
  name: 'test',
  epochs: 100,
  batchSize: 32,
  archs: {
    snn: { depth: [2, 4], width: [8], lr: [0.1, 0.01] },
    msra: { depth: [2, 4], width: [8], lr: [0.1] },
  },
};

describe('configurationsLine', () => {
  it('names the grid size of each network', () => {
    expect(configurationsLine({ grid, archs: ['snn', 'msra'], seed: 1 })).toBe('snn 4, msra 2');
  });

  it('names the trials of a random search, the grid they are drawn from, and the rungs of ASHA', () => {
    const search = { type: 'random' as const, trials: 3 };
    expect(configurationsLine({ grid, archs: ['snn', 'msra'], seed: 1, search })).toBe(
      "random search, 3 trials per network drawn from the grid's axes (snn 3 of 4, msra 3 of 2)",
    );
    // r = ⌈100 / 27⌉ = 4, then ×3: 12 and 36 (108 is past the last epoch).
    expect(
      configurationsLine({ grid, archs: ['snn'], seed: 1, search, prune: tabularAsha(100) }),
    ).toBe(
      "random search, 3 trials per network drawn from the grid's axes (snn 3 of 4); ASHA pruning after epochs 4, 12, 36 (η = 3)",
    );
  });
});
