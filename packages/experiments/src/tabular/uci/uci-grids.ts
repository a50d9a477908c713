import { ARCHITECTURES, type Architecture } from '../grid/architectures';
import type { BenchmarkGrids } from '../grid/benchmark-grids';
import type { BlockShape, GridAxes, GridSpec, NetworkShape } from '../grid/grid-axes';
import { paperGrid } from '../grid/paper-grid';

const UCI_WIDTHS = [1024, 512, 256];
const UCI_DEPTHS = [2, 3, 4, 8, 16, 32];
const UCI_LRS = [0.01, 0.1, 1];

/**
 * The paper's UCI grid (PAPER.md, from the paper's appendix). Where the paper leaves a value open,
 * the choice is ours and marked: highway networks get one width (512; the paper lists no units
 * for them).
 */
function uciPaperGrid(): GridSpec {
  return paperGrid({
    epochs: 100,
    batchSize: 32,
    depth: UCI_DEPTHS,
    width: UCI_WIDTHS,
    lr: UCI_LRS,
    snnDropout: [0.05, 0],
    msraDropout: [0.5, 0],
    highwayWidth: [512],
    resnetDepth: [2, 3, 4, 8, 16],
  });
}

/**
 * A small UCI grid for a first look (minutes on two cores), drawn from the paper's values where
 * they fit: width 256, two depths, the paper's two smaller learning rates, one dropout value
 * besides 0.
 */
function uciQuickGrid(): GridSpec {
  const base = { depth: [2, 8], width: [256], lr: [0.01, 0.1] };
  return {
    name: 'quick',
    epochs: 50,
    batchSize: 32,
    archs: {
      snn: { ...base, dropout: [0.05, 0] },
      msra: { ...base, dropout: [0.5, 0] },
      batchnorm: base,
      layernorm: base,
      weightnorm: base,
      highway: { ...base, dropout: [0, 0.5] },
      resnet: { depth: [2, 4], width: [256], lr: [0.01, 0.1], bottleneck: [0.5] },
    },
  };
}

/**
 * How `table1-small` cuts the paper's UCI grid, the same way for every architecture: the values of
 * depth, width and learning rate that every network keeps (ResNet's depth counts blocks of two
 * layers, so 2 and 8 blocks span the same 4…16 layers as the others' 2 and 16), one network shape,
 * block shape and bottleneck. Dropout stays as the paper has it, so each architecture keeps its
 * share of the paper's budget (SNN, MSRA and highway networks twice the configurations of
 * BatchNorm, LayerNorm and WeightNorm, as in the paper).
 */
export const TABLE1_SMALL_CUT = {
  depth: [2, 16],
  resnetBlocks: [2, 8],
  width: [256],
  lr: [0.01, 0.1],
  shape: ['rectangular'] as NetworkShape[],
  blockShape: ['rectangular'] as BlockShape[],
  bottleneck: [0.5],
} as const;

/**
 * The paper's UCI grid cut by {@link TABLE1_SMALL_CUT} with the paper's 100 epochs: all seven
 * architectures on the 75 small UCI sets in hours on one machine instead of a cluster.
 */
function table1SmallGrid(): GridSpec {
  const paper = uciPaperGrid();
  const cut = TABLE1_SMALL_CUT;
  const archs: Partial<Record<Architecture, GridAxes>> = {};
  for (const arch of ARCHITECTURES) {
    const axes = paper.archs[arch]!;
    archs[arch] = {
      ...axes,
      depth: [...(arch === 'resnet' ? cut.resnetBlocks : cut.depth)],
      width: [...cut.width],
      lr: [...cut.lr],
      ...(axes.shape && { shape: [...cut.shape] }),
      ...(axes.blockShape && { blockShape: [...cut.blockShape] }),
      ...(axes.bottleneck && { bottleneck: [...cut.bottleneck] }),
    };
  }
  return { ...paper, name: 'table1-small', archs };
}

/**
 * The built-in grids of `snn uci`: the paper's, the quick one and `table1-small`.
 *
 * @example
 * UCI_GRIDS['table1-small']?.grid().archs.snn?.depth; // [2, 16]
 * @see https://arxiv.org/abs/1706.02515 (appendix: the hyperparameter grids)
 */
export const UCI_GRIDS: BenchmarkGrids = {
  paper: { about: "the paper's UCI grid", grid: uciPaperGrid },
  quick: { about: 'a small UCI grid for a first look', grid: uciQuickGrid },
  'table1-small': { about: 'cut from the UCI grid', grid: table1SmallGrid },
};
