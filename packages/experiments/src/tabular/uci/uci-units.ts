import {
  type Uci121Dataset,
  loadUci121,
  standardize,
  subset,
  uci121TrainTest,
} from '@snn/datasets';
import { taskSeed } from '@snn/sweep';
import type { PreparedUnit } from '../data/prepared-unit';
import { stratifiedSplit } from '../data/stratified-split';
import { foldUnit, validationKey } from '../data/unit-key';

/** The paper's validation share of the training part (UCI). */
export const UCI_VALIDATION_FRACTION = 0.15;

/**
 * The data of split `fold` (1-based, of the four in `conxuntos_kfold.dat`) of a UCI-121 dataset:
 * its training rows minus a stratified 15% validation part (seeded by the run seed, dataset and
 * fold), its test rows, all standardized with statistics of the remaining training rows. Which rows
 * train and which test is `uci121TrainTest`'s: a dataset with a separate test file trains on its
 * whole training file and tests on the test file.
 *
 * @example
 * const unit = uciUnit(await loadUci121('iris', { archive }), 1, 1);
 * unit.train.n + unit.validation.n + unit.test.n; // 150
 * @see https://arxiv.org/abs/1706.02515
 */
export function uciUnit(dataset: Uci121Dataset, fold: number, seed: number): PreparedUnit {
  const { trainRows, test } = uci121TrainTest(dataset, fold);
  const { train, validation } = stratifiedSplit(
    trainRows,
    dataset.data.y,
    UCI_VALIDATION_FRACTION,
    taskSeed(seed, validationKey(foldUnit(dataset.name, fold).unit)),
  );
  const scaled = standardize(subset(dataset.data, train), subset(dataset.data, validation), test);
  const [val, scaledTest] = scaled.others as [typeof scaled.train, typeof scaled.train];
  return {
    kind: 'classification',
    outputs: dataset.classes,
    train: scaled.train,
    validation: val,
    test: scaledTest,
  };
}

/**
 * Rows a configuration trains on in split `fold`: the training rows less the validation part
 * (for the scheduler's cost estimate; the same count `uciUnit` gives).
 */
export function uciFittingRows(dataset: Uci121Dataset, fold: number): number {
  const n = uci121TrainTest(dataset, fold).trainRows.length;
  return n - Math.round(UCI_VALIDATION_FRACTION * n);
}

/** Loads a dataset of the collection (re-exported loader, one place to change the options). */
export function loadUciDataset(name: string, archive: string | undefined): Promise<Uci121Dataset> {
  return loadUci121(name, archive === undefined ? {} : { archive });
}
