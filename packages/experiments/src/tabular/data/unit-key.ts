import { SnnError } from '../../../../../internal/snn-error';
import { type Configuration, configurationId } from '../grid/expand-grid';

// The one home of how a tabular run names its data and its tasks: a unit is the prepared data a
// task trains on, a part the slice of a data set it is scored on, and the store key of a task
// `<dataset>/<part>/<configuration id>`. Task keys, task seeds and the stores' records are made from
// these strings, so they are written here and read back here.

/** The names of one data part of a benchmark, as stores, task keys and seeds spell them. */
export interface UnitNames {
  /** Which prepared data a task needs: `<dataset>/fold<k>` (`iris/fold1`) or `<dataset>` (`tox21`). */
  unit: string;
  dataset: string;
  /** `fold<k>` or `repeat<r>`: the part of the store key `<dataset>/<part>/<configuration id>`. */
  part: string;
}

/**
 * The part name of fold `fold` (1-based): `fold<k>`.
 *
 * @example
 * foldPart(3); // 'fold3'
 */
export function foldPart(fold: number): string {
  return `fold${fold}`;
}

/**
 * The unit of fold `fold` (1-based) of `dataset` in the k-fold benchmarks (UCI's four folds,
 * HTRU2's ten): unit `<dataset>/fold<k>` and part `fold<k>`; {@link parseFoldUnit} reads it back.
 *
 * @example
 * foldUnit('iris', 1); // { unit: 'iris/fold1', dataset: 'iris', part: 'fold1' }
 */
export function foldUnit(dataset: string, fold: number): UnitNames {
  const part = foldPart(fold);
  return { unit: `${dataset}/${part}`, dataset, part };
}

/**
 * The data set and 1-based fold of a unit made by {@link foldUnit}.
 *
 * @throws SnnError when `unit` is not `<dataset>/fold<k>`.
 * @example
 * parseFoldUnit('htru2/fold10'); // { dataset: 'htru2', fold: 10 }
 */
export function parseFoldUnit(unit: string): { dataset: string; fold: number } {
  const match = /^([^/]+)\/fold([1-9]\d*)$/.exec(unit);
  if (match === null) {
    throw new SnnError(
      `${JSON.stringify(unit)} is not a fold unit; expected <dataset>/fold<k> such as iris/fold1`,
    );
  }
  return { dataset: match[1]!, fold: Number(match[2]) };
}

/**
 * The part name of repeat `repeat` (1-based): `repeat<r>`.
 *
 * @example
 * repeatPart(2); // 'repeat2'
 */
export function repeatPart(repeat: number): string {
  return `repeat${repeat}`;
}

/**
 * Repeat `repeat` (1-based) of a benchmark that trains every repeat on the same prepared data
 * (Tox21): unit `<dataset>`, part `repeat<r>`.
 *
 * @example
 * repeatUnit('tox21', 2); // { unit: 'tox21', dataset: 'tox21', part: 'repeat2' }
 */
export function repeatUnit(dataset: string, repeat: number): UnitNames {
  return { unit: dataset, dataset, part: repeatPart(repeat) };
}

/**
 * The store key of configuration `config` trained on a data part: `<dataset>/<part>/<configuration
 * id>`, unique in a run; the task's seed derives from it. Trial `trial` of a random search is
 * `<dataset>/<part>/trial=<trial>/<configuration id>` (two trials may draw one configuration).
 *
 * @example
 * taskKey(foldUnit('iris', 1), { arch: 'snn', depth: 2, width: 16, lr: 0.1, dropout: 0, shape: 'rectangular', l2: 0 });
 * // 'iris/fold1/snn/depth=2/width=16/lr=0.1/dropout=0/shape=rectangular/l2=0'
 */
export function taskKey(
  names: Pick<UnitNames, 'dataset' | 'part'>,
  config: Configuration,
  trial?: number,
): string {
  const id = configurationId(config);
  return `${names.dataset}/${names.part}/${trial === undefined ? id : `trial=${trial}/${id}`}`;
}

/**
 * The seed key of the validation split of a unit: `<unit>/validation` (`iris/fold1/validation`,
 * `tox21/validation`); the split's seed is `taskSeed(runSeed, validationKey(unit))`.
 *
 * @example
 * validationKey(foldUnit('iris', 1).unit); // 'iris/fold1/validation'
 */
export function validationKey(unit: string): string {
  return `${unit}/validation`;
}
