import type { LabelledRows, PreparedUnit } from '../data/prepared-unit';
import { accuracy, argmaxRows } from '../metrics/accuracy';
import { rocAuc } from '../metrics/roc-auc';

/** A score of one set of predictions: the benchmark metric and, for Tox21, one AUC per task. */
export interface Score {
  /** Accuracy (classification), ROC-AUC (binary) or mean ROC-AUC over tasks (multitask); null when the predictions are not finite. */
  value: number | null;
  /** Multitask only: ROC-AUC per task, null where a task has one class only among the known labels. */
  perTask?: Array<number | null>;
}

/**
 * Scores the network outputs `predictions` (n × outputs row-major) of `rows` with the metric of
 * the unit's kind. Non-finite outputs (a diverged network) give `value: null`.
 *
 * @example
 * scorePredictions('binary', 1, { y: Float32Array.from([0, 1]), n: 2, d: 1, x: … }, Float32Array.from([0.2, 0.9]));
 * // { value: 1 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function scorePredictions(
  kind: PreparedUnit['kind'],
  outputs: number,
  rows: LabelledRows,
  predictions: Float32Array,
): Score {
  for (let i = 0; i < predictions.length; i++) {
    if (!Number.isFinite(predictions[i]!)) {
      return kind === 'multitask'
        ? { value: null, perTask: new Array(outputs).fill(null) }
        : { value: null };
    }
  }
  if (kind === 'classification') {
    return { value: accuracy(rows.y, argmaxRows(predictions, outputs)) };
  }
  if (kind === 'binary') return { value: rocAuc(rows.y, predictions) };
  const perTask: Array<number | null> = [];
  for (let t = 0; t < outputs; t++) {
    const labels: number[] = [];
    const scores: number[] = [];
    let positives = 0;
    for (let i = 0; i < rows.n; i++) {
      const label = rows.y[i * outputs + t]!;
      if (label < 0) continue;
      labels.push(label);
      scores.push(predictions[i * outputs + t]!);
      positives += label;
    }
    perTask.push(positives === 0 || positives === labels.length ? null : rocAuc(labels, scores));
  }
  const known = perTask.filter((v): v is number => v !== null);
  return {
    value: known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length,
    perTask,
  };
}
