import type { BenchmarkGrids } from '../grid/benchmark-grids';
import type { GridSpec } from '../grid/grid-axes';
import { paperGrid } from '../grid/paper-grid';

/**
 * The paper's HTRU2 grid (PAPER.md, from the paper's appendix). The paper lists only the SNN's
 * dropout, so the other architectures take their UCI dropout values; ResNet uses HTRU2's widths
 * and learning rates with the UCI block shapes and bottlenecks; highway networks get one width
 * (512; the paper lists no units for them).
 */
function htru2PaperGrid(): GridSpec {
  return paperGrid({
    epochs: 100,
    batchSize: 128,
    depth: [2, 4, 8, 16, 32],
    width: [256, 512, 1024],
    lr: [0.1, 0.01, 1],
    snnDropout: [0, 0.05],
    msraDropout: [0, 0.5],
    highwayWidth: [512],
    resnetDepth: [2, 4, 8, 16],
  });
}

/** A small HTRU2 grid for a first look: width 256, depth 2, the paper's two smaller learning rates. */
function htru2QuickGrid(): GridSpec {
  const base = { depth: [2], width: [256], lr: [0.01, 0.1] };
  return {
    name: 'quick',
    epochs: 20,
    batchSize: 128,
    archs: {
      snn: base,
      msra: base,
      batchnorm: base,
      layernorm: base,
      weightnorm: base,
      highway: base,
      resnet: base,
    },
  };
}

/**
 * The built-in grids of `snn htru2`: the paper's and the quick one.
 *
 * @example
 * HTRU2_GRIDS.paper.grid().batchSize; // 128
 * @see https://arxiv.org/abs/1706.02515 (appendix: the hyperparameter grids)
 */
export const HTRU2_GRIDS: BenchmarkGrids = {
  paper: { about: "the paper's HTRU2 grid", grid: htru2PaperGrid },
  quick: { about: 'a small HTRU2 grid for a first look', grid: htru2QuickGrid },
};
