import { foldUnit } from '../data/unit-key';
import type { GridSpec } from '../grid/grid-spec';
import { fakeRecord } from '../report/test-records';
import type { ResultRecord } from '../store/result-record';
import type { UciPlan } from './uci-report';

/**
 * Two synthetic UCI runs for the seed-comparison tests: three sets (two small, one large), three
 * architectures with one configuration each, and test accuracies whose per-set ranks are worked
 * out by hand beside them.
 */
const grid: GridSpec = {
  name: 'test',
  epochs: 12,
  batchSize: 4,
  archs: {
    snn: { depth: [2], width: [8], lr: [0.1] },
    msra: { depth: [2], width: [8], lr: [0.1] },
    batchnorm: { depth: [2], width: [8], lr: [0.1] },
  },
};

/** The plan of a run with `seed`; everything else equal between seeds. */
export function seedPlan(seed: number): UciPlan {
  return {
    datasets: [
      { name: 'a', samples: 150, features: 4, classes: 3, testSource: 'fold' },
      { name: 'b', samples: 200, features: 4, classes: 2, testSource: 'fold' },
      { name: 'c', samples: 1500, features: 4, classes: 2, testSource: 'fold' },
    ],
    skipped: [],
    archs: ['snn', 'msra', 'batchnorm'],
    split: 'paper',
    grid,
    seed,
    validationFraction: 0.15,
    smoothingWindow: 10,
    optimizer: 'sgd',
  };
}

/** Test accuracy per set and architecture (multiples of 1/8, exact: no rounding makes a tie). */
export type SeedAccuracies = Record<string, Record<'snn' | 'msra' | 'batchnorm', number>>;

export const SEED_1: SeedAccuracies = {
  a: { snn: 0.875, msra: 0.75, batchnorm: 0.625 }, // ranks 1, 2, 3
  b: { snn: 0.5, msra: 0.5, batchnorm: 0.375 }, // 1.5, 1.5, 3
  c: { snn: 0.625, msra: 0.75, batchnorm: 0.875 }, // 3, 2, 1
};
export const SEED_2: SeedAccuracies = {
  a: { snn: 0.75, msra: 0.875, batchnorm: 0.625 }, // 2, 1, 3
  b: { snn: 0.5, msra: 0.375, batchnorm: 0.625 }, // 2, 3, 1
  c: { snn: 0.625, msra: 0.75, batchnorm: 0.875 }, // 3, 2, 1
};

/** One stored record per set and architecture with the given test accuracy. */
export function seedRecords(accuracies: SeedAccuracies): ResultRecord[] {
  return Object.entries(accuracies).flatMap(([dataset, byArch]) =>
    Object.entries(byArch).map(([arch, acc]) =>
      fakeRecord(foldUnit(dataset, 1), { arch: arch as 'snn', depth: 2 }, 0.5, acc),
    ),
  );
}
