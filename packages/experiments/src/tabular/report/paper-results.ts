import type { Architecture } from '../grid/architectures';

/**
 * The paper's headline numbers for the tabular benchmarks, printed beside ours.
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 1, Table 2, Table 3 and the appendix)
 */
export const PAPER_RESULTS = {
  /** UCI, 121 datasets: average rank difference to the mean rank 4 of the 7 network types. */
  uciRankDifference: {
    snn: -0.756,
    msra: -0.24,
    layernorm: -0.198,
    highway: 0.021,
    resnet: 0.273,
    weightnorm: 0.397,
    batchnorm: 0.504,
  } satisfies Record<Architecture, number>,
  /**
   * UCI, the 75 sets with fewer than 1000 samples: the same rank difference, computed from the
   * paper's per-dataset appendix table among the 7 network types (the like-for-like comparison for
   * a run on the small group).
   */
  uciSmallRankDifference: {
    snn: -0.6,
    msra: -0.3,
    highway: -0.127,
    layernorm: -0.113,
    resnet: 0.287,
    weightnorm: 0.393,
    batchnorm: 0.46,
  } satisfies Record<Architecture, number>,
  /** UCI, the 46 sets with at least 1000 samples: SNN's rank difference from the appendix (about). */
  uciLargeSnnRankDifference: -0.98,
  /** HTRU2: mean ROC-AUC over the 10 folds. */
  htru2Auc: {
    snn: 0.9803,
    msra: 0.9791,
    weightnorm: 0.9786,
    highway: 0.9766,
    layernorm: 0.9762,
    batchnorm: 0.976,
    resnet: 0.9753,
  } satisfies Record<Architecture, number>,
  /** Tox21: mean ROC-AUC × 100 by depth (SNN; BatchNorm's ends only are in PAPER.md). */
  tox21AucByDepth: {
    snn: { 2: 83.7, 3: 84.4, 4: 84.2, 6: 83.9, 8: 84.5, 16: 83.5, 32: 82.5 },
  } as Partial<Record<Architecture, Record<number, number>>>,
  /** Tox21: the best SNN (8 layers), mean ± std over 5 repeats. */
  tox21BestSnn: { mean: 0.845, std: 0.003 },
} as const;
