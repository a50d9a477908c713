import { SnnError } from '../../../../../internal/snn-error';
import { rankData } from './rank-data';

/**
 * Area under the ROC curve of binary labels and real scores, with tied scores counted as half
 * (the trapezoid rule of `sklearn.metrics.roc_auc_score`). Computed through the Mann–Whitney
 * statistic: with average ranks r of all scores,
 * `AUC = (Σ_{positives} rᵢ − n₊(n₊+1)/2) / (n₊·n₋)`.
 *
 * @param yTrue - labels, 1 (positive) or 0 (negative); both classes must occur.
 * @param yScore - scores, larger = more positive; same length, no NaN.
 * @returns a number in [0, 1]; 0.5 is chance.
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * @see https://arxiv.org/abs/1706.02515 (HTRU2 and Tox21 are scored by ROC-AUC)
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  if (yTrue.length !== yScore.length) {
    throw new SnnError(
      `rocAuc: \`yTrue\` and \`yScore\` must have the same length, got ${yTrue.length} and ${yScore.length}; pass one score per label`,
    );
  }
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) {
      throw new SnnError(
        `rocAuc: \`yTrue\` must hold only 0 and 1, got ${y} at index ${i}; mask missing labels before scoring`,
      );
    }
    positives += y;
  }
  const negatives = yTrue.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new SnnError(
      `rocAuc: both classes must occur in \`yTrue\`, got ${positives} positives and ${negatives} negatives; ROC-AUC is undefined for one class`,
    );
  }
  const ranks = rankData(yScore);
  let rankSum = 0;
  for (let i = 0; i < ranks.length; i++) if (yTrue[i] === 1) rankSum += ranks[i]!;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
