import type { Architecture } from '../grid/architectures';
import { PAPER_RESULTS } from '../report/paper-results';
import type { UciGroup } from './uci-report';

/** How many of the paper's 121 UCI sets each group holds (46 large sets, 75 small ones). */
export const PAPER_UCI_GROUP_SETS: Readonly<Record<UciGroup, number>> = {
  all: 121,
  small: 75,
  large: 46,
};

/**
 * The paper's average rank difference to the mean rank for `arch` on its sets of `group` — the
 * like-for-like figure beside a run's own for that group: Table 1 for all 121 sets, the per-dataset
 * appendix for the 75 small ones, and for the 46 large ones SNN's figure only (the paper gives no
 * other network's); `null` where the paper has none.
 *
 * Δ(a) = mean over the group's sets of rank(a) − (k + 1)/2, with k = 7 networks.
 *
 * @example
 * uciPaperRankDifference('small', 'snn'); // -0.6
 * uciPaperRankDifference('large', 'msra'); // null
 * @see https://arxiv.org/abs/1706.02515 (Table 1 and appendix A4)
 */
export function uciPaperRankDifference(group: UciGroup, arch: Architecture): number | null {
  if (group === 'all') return PAPER_RESULTS.uciRankDifference[arch];
  if (group === 'small') return PAPER_RESULTS.uciSmallRankDifference[arch];
  return arch === 'snn' ? PAPER_RESULTS.uciLargeSnnRankDifference : null;
}

/** The paper's sets of `group` in words: "121 sets", "75 small sets", "46 large sets". */
export function paperUciGroupName(group: UciGroup): string {
  const sets = PAPER_UCI_GROUP_SETS[group];
  return group === 'all' ? `${sets} sets` : `${sets} ${group} sets`;
}
