import { type UnitNames, taskKey } from '../data/unit-key';
import type { Architecture } from '../grid/architectures';
import type { Configuration } from '../grid/expand-grid';
import type { ResultRecord } from '../store/result-record';

/**
 * A synthetic stored record for report tests: flat validation and test curves over `epochs`
 * (so selection stops at the end of the first full smoothing window), on the data part `names`
 * (`foldUnit('iris', 1)`, `repeatUnit('tox21', 2)`).
 */
export function fakeRecord(
  names: UnitNames,
  config: Partial<Configuration> & { arch: Architecture },
  validation: number,
  test: number,
  epochs = 12,
): ResultRecord {
  const full: Configuration = {
    depth: 2,
    width: 8,
    lr: 0.1,
    dropout: 0,
    shape: 'rectangular',
    l2: 0,
    ...config,
  };
  return {
    type: 'result',
    key: taskKey(names, full),
    ...names,
    config: full,
    seed: 1,
    loss: new Array(epochs).fill(0.5),
    validation: new Array(epochs).fill(validation),
    test: new Array(epochs).fill(test),
    diverged: false,
    seconds: 0,
    backend: 'cpu',
  };
}
