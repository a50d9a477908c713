import type { Tox21Dataset, Tox21Split } from '@snn/datasets';
import { taskSeed } from '@snn/sweep';
import { mulberry32, shuffleInPlace } from '../../../../../internal/rng';
import type { LabelledRows, PreparedUnit } from '../data/prepared-unit';
import { repeatUnit, validationKey } from '../data/unit-key';

/** Share of the Tox21 training compounds held out for model selection. */
export const TOX21_VALIDATION_FRACTION = 0.15;

/**
 * Tox21 prepared for training: the loader's preprocessed dense features (constant features
 * dropped, missing values imputed, standardized on the training set), a random 15% of the
 * training compounds held out for model selection (seeded by the run seed), and the labels as an
 * n × 12 matrix with −1 where a label is missing, which the masked loss and the per-task ROC-AUC
 * skip.
 *
 * @example
 * const unit = tox21Unit(await loadTox21({ source: { dir }, preprocess: true }), 1);
 * unit.outputs; // 12
 * @see https://arxiv.org/abs/1706.02515
 */
export function tox21Unit(dataset: Tox21Dataset, seed: number): PreparedUnit {
  const k = dataset.tasks.length;
  const n = dataset.train.n;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, mulberry32(taskSeed(seed, validationKey(repeatUnit('tox21', 1).unit))));
  const nVal = Math.round(TOX21_VALIDATION_FRACTION * n);
  const validationRows = order.slice(0, nVal).sort();
  const trainRows = order.slice(nVal).sort();
  return {
    kind: 'multitask',
    outputs: k,
    train: rowsWithMissing(dataset.train, trainRows, k),
    validation: rowsWithMissing(dataset.train, validationRows, k),
    test: rowsWithMissing(dataset.test, null, k),
  };
}

function rowsWithMissing(split: Tox21Split, rows: Int32Array | null, k: number): LabelledRows {
  const d = split.d;
  const m = rows === null ? split.n : rows.length;
  const x = new Float32Array(m * d);
  const y = new Float32Array(m * k);
  for (let r = 0; r < m; r++) {
    const i = rows === null ? r : rows[r]!;
    x.set(split.x.subarray(i * d, (i + 1) * d), r * d);
    for (let t = 0; t < k; t++) {
      y[r * k + t] = split.mask[i * k + t] === 1 ? split.y[i * k + t]! : -1;
    }
  }
  return { x, y, n: m, d };
}
