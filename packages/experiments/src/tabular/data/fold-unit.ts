import { SnnError } from '../../../../../internal/snn-error';

/** The names of one fold of a data set, as stores, task keys and seeds spell them. */
export interface FoldUnit {
  /** `<dataset>/fold<k>`: which prepared data a task needs (`iris/fold1`). */
  unit: string;
  dataset: string;
  /** `fold<k>`: the part of the store key `<dataset>/<part>/<configuration id>`. */
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
 * HTRU2's ten): unit `<dataset>/fold<k>` and part `fold<k>`. Task keys, task seeds and the
 * stores' records are made from these strings, so the one place that writes them is here and
 * {@link parseFoldUnit} is the one that reads them.
 *
 * @example
 * foldUnit('iris', 1); // { unit: 'iris/fold1', dataset: 'iris', part: 'fold1' }
 */
export function foldUnit(dataset: string, fold: number): FoldUnit {
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
