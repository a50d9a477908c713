import { SnnError } from '../../../internal/snn-error';
import { type Split, subset } from './split';
import type { Uci121Dataset } from './uci121';

/** The rows a UCI-121 benchmark trains and tests on for one of the collection's splits. */
export interface Uci121TrainTest {
  /** 0-based rows of `dataset.data` to train on (model selection splits its validation part off these). */
  trainRows: Int32Array;
  /** The rows to test on: the separate test file where the collection ships one, else `data[fold.test]`. */
  test: Split;
  /** Where the test rows come from. */
  testSource: 'test-file' | 'fold';
}

/**
 * The training rows and test rows of split `fold` (1-based, of the four 75/25 pairs in
 * `conxuntos_kfold.dat`), as the paper's UCI comparison uses them.
 *
 * Datasets that ship a separate test file (`fich2=` in `<name>.txt`; 17 of the collection, e.g.
 * monks-1 with 124 training and 432 test rows) are trained on their whole training file and tested
 * on the test file, for every `fold`: the paper's accuracies on those sets are all multiples of
 * 1/(rows of the test file). Every other dataset trains on the pair's 75 % and tests on its 25 %.
 *
 * @param dataset a dataset from `loadUci121`.
 * @param fold 1, 2, 3 or 4 (default 1, the paper's single split).
 * @example
 * const monks = await loadUci121('monks-1', { archive: 'data.tar.gz' });
 * const { trainRows, test } = uci121TrainTest(monks);
 * console.log(trainRows.length, test.n); // 124 432
 * @see https://arxiv.org/abs/1706.02515 (appendix A4)
 */
export function uci121TrainTest(dataset: Uci121Dataset, fold = 1): Uci121TrainTest {
  const pair = dataset.folds[fold - 1];
  if (!Number.isInteger(fold) || pair === undefined) {
    throw new SnnError(
      `uci121TrainTest: \`fold\` must be an integer in [1, ${dataset.folds.length}], got ${fold}; the collection defines ${dataset.folds.length} train/test pairs`,
    );
  }
  if (dataset.test !== undefined) {
    const all = new Int32Array(dataset.data.n);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return { trainRows: all, test: dataset.test, testSource: 'test-file' };
  }
  return { trainRows: pair.train, test: subset(dataset.data, pair.test), testSource: 'fold' };
}
