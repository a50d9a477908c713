import { type Configuration, configurationId } from '../grid/expand-grid';
import { selectModel } from '../selection/select-model';
import type { ResultRecord } from '../store/result-record';

/** The model selection picked for one data part (a UCI split, an HTRU2 fold, a Tox21 repeat). */
export interface SelectedModel {
  /** `fold1`, `repeat2`, … */
  part: string;
  configId: string;
  config: Configuration;
  /** Epochs trained by the selected model (early stopping). */
  epoch: number;
  /** Smoothed validation metric at `epoch` (the selection criterion). */
  validation: number;
  /** Test metric of the model after `epoch` epochs; null if it diverged there. */
  test: number | null;
  /** Tox21: test ROC-AUC per task at `epoch`. */
  testPerTask?: Array<number | null>;
}

/**
 * Runs model selection ({@link selectModel}) over the stored records of one part and reads the
 * test metric of the winner at its chosen epoch. Records are put in grid order first (`order`:
 * configuration id → position, then the key: a random search's trial number), so tie-breaking
 * does not depend on which worker finished first. Configurations ASHA pruned are no candidates
 * (as Optuna and Ray Tune pick their best among completed trials): their curves stop early.
 *
 * @returns null when there are no records or all diverged immediately.
 * @see https://arxiv.org/abs/1706.02515
 */
export function selectFromRecords(
  part: string,
  records: readonly ResultRecord[],
  order: ReadonlyMap<string, number>,
): SelectedModel | null {
  // A pruned configuration's curve stops early: the candidates are those trained to the end.
  const ranked = records
    .filter((record) => record.pruned === undefined)
    .map((record) => ({ record, id: configurationId(record.config) }))
    .sort(
      (a, b) =>
        (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) ||
        (a.record.key < b.record.key ? -1 : a.record.key > b.record.key ? 1 : 0),
    );
  const best = selectModel(
    ranked.map(({ record, id }) => ({ config: record.config, validation: record.validation, id })),
  );
  if (best === null) return null;
  const record = ranked[best.index]!.record;
  const selected: SelectedModel = {
    part,
    configId: best.candidate.id,
    config: record.config,
    epoch: best.epoch,
    validation: best.smoothed,
    test: record.test[best.epoch - 1] ?? null,
  };
  const detail = record.testDetail?.[best.epoch - 1];
  if (detail) selected.testPerTask = detail;
  return selected;
}
