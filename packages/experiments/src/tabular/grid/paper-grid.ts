import type { BlockShape, GridAxes, GridSpec } from './grid-axes';
import { NETWORK_SHAPES } from './grid-axes';

/** The values in which the paper's grids for UCI, HTRU2 and Tox21 differ. */
export interface PaperGridValues {
  epochs: number;
  batchSize: number;
  /** Hidden layers of every network but ResNet. */
  depth: number[];
  /** Units per layer (ResNet: per block). */
  width: number[];
  lr: number[];
  /** L2 weight decay, where the benchmark's grid has it (Tox21). */
  l2?: number[];
  /** SNN's alpha-dropout rates. */
  snnDropout: number[];
  /** MSRA's dropout rates. */
  msraDropout: number[];
  /** Highway networks' width: the paper lists no units for them. */
  highwayWidth: number[];
  /** ResNet's numbers of residual blocks. */
  resnetDepth: number[];
}

/** ResNet's block shapes and bottlenecks, the same in every paper grid. */
const RESNET_BLOCKS: Pick<GridAxes, 'blockShape' | 'bottleneck'> = {
  blockShape: ['rectangular', 'diavolo'] as BlockShape[],
  bottleneck: [0.25, 0.5],
};
/** Highway networks' dropout rates, the same in every paper grid. */
const HIGHWAY_DROPOUT = [0, 0.5];

/**
 * A benchmark's paper grid from the values that set it apart; what is common is built here once:
 * SNN and MSRA get their dropout rates, BatchNorm, LayerNorm and WeightNorm none, all five both
 * network shapes; highway networks one width, no shape and dropout {0, 0.5}; ResNet its block
 * counts with both block shapes and bottlenecks {25 %, 50 %}. The key order of every axis object
 * is fixed: a run's stored fingerprint holds the grid as JSON, and only an identical one resumes.
 *
 * @example
 * paperGrid({ epochs: 100, batchSize: 128, depth: [2, 4], width: [256], lr: [0.1],
 *   snnDropout: [0, 0.05], msraDropout: [0, 0.5], highwayWidth: [512], resnetDepth: [2] });
 * @see https://arxiv.org/abs/1706.02515 (appendix: the hyperparameter grids)
 */
export function paperGrid(values: PaperGridValues): GridSpec {
  const { depth, width, lr } = values;
  const l2 = values.l2 === undefined ? {} : { l2: values.l2 };
  const shaped: GridAxes = { depth, width, lr, ...l2, shape: NETWORK_SHAPES };
  // A fresh copy: callers may edit the grid they get without touching the next one.
  return structuredClone({
    name: 'paper',
    epochs: values.epochs,
    batchSize: values.batchSize,
    archs: {
      snn: { ...shaped, dropout: values.snnDropout },
      msra: { ...shaped, dropout: values.msraDropout },
      batchnorm: shaped,
      layernorm: shaped,
      weightnorm: shaped,
      highway: { depth, width: values.highwayWidth, lr, ...l2, dropout: HIGHWAY_DROPOUT },
      resnet: { depth: values.resnetDepth, width, lr, ...l2, ...RESNET_BLOCKS },
    },
  });
}
