import type { BenchmarkGrids } from '../grid/benchmark-grids';
import type { GridSpec } from '../grid/grid-axes';
import { paperGrid } from '../grid/paper-grid';

/**
 * The paper's Tox21 grid (PAPER.md, from the paper's appendix). The paper lists only the SNN's
 * dropout, so the other architectures take their UCI dropout values; ResNet uses Tox21's widths,
 * learning rates and L2 with the UCI block shapes and bottlenecks; highway networks get one width
 * (1024).
 */
function tox21PaperGrid(): GridSpec {
  return paperGrid({
    epochs: 100,
    batchSize: 128,
    depth: [2, 3, 4, 6, 8, 16, 32],
    width: [1024, 2048],
    lr: [0.01, 0.05, 0.1],
    l2: [1e-3, 1e-4, 1e-5],
    snnDropout: [0.05, 0.1],
    msraDropout: [0, 0.5],
    highwayWidth: [1024],
    resnetDepth: [2, 3, 4, 6, 8, 16],
  });
}

/** A small Tox21 grid for a first look: width 256, two depths, one learning rate and L2. */
function tox21QuickGrid(): GridSpec {
  const base = { depth: [2, 4], width: [256], lr: [0.05], l2: [1e-5] };
  return {
    name: 'quick',
    epochs: 20,
    batchSize: 128,
    archs: {
      snn: { ...base, dropout: [0.05] },
      msra: base,
      batchnorm: base,
      layernorm: base,
      weightnorm: base,
      highway: base,
      resnet: { ...base, depth: [2] },
    },
  };
}

/**
 * The built-in grids of `snn tox21`: the paper's and the quick one.
 *
 * @example
 * TOX21_GRIDS.paper.grid().archs.snn?.l2; // [0.001, 0.0001, 0.00001]
 * @see https://arxiv.org/abs/1706.02515 (appendix: the hyperparameter grids)
 */
export const TOX21_GRIDS: BenchmarkGrids = {
  paper: { about: "the paper's Tox21 grid", grid: tox21PaperGrid },
  quick: { about: 'a small Tox21 grid for a first look', grid: tox21QuickGrid },
};
