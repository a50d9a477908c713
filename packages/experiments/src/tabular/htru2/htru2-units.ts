import { type Split, nestedCvSplit, standardize, subset } from '@snn/datasets';
import type { PreparedUnit } from '../data/prepared-unit';

/** HTRU2's folds: the paper's 10-fold nested cross-validation. */
export const HTRU2_FOLDS = 10;

/**
 * The data of test fold `fold` (1-based) of HTRU2's nested cross-validation: fold M tests, fold
 * M − 1 validates (fold 10 for M = 1), the other eight train; standardized with statistics of the
 * training folds.
 *
 * @param data - all 17,898 rows (labels 0/1).
 * @param folds - fold of each row in [0, 10), from `loadHtru2`.
 * @example
 * const { data, folds } = await loadHtru2({ source: { file: 'HTRU2.zip' } });
 * htru2Unit(data, folds, 1).validation.n; // the rows of fold 10
 * @see https://arxiv.org/abs/1706.02515
 */
export function htru2Unit(data: Split, folds: Int32Array, fold: number): PreparedUnit {
  const parts = nestedCvSplit(folds, fold - 1, HTRU2_FOLDS);
  const scaled = standardize(
    subset(data, parts.train),
    subset(data, parts.validation),
    subset(data, parts.test),
  );
  const [validation, test] = scaled.others as [Split, Split];
  return { kind: 'binary', outputs: 1, train: scaled.train, validation, test };
}
