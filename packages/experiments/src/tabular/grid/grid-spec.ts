import { SnnError } from '../../../../../internal/snn-error';
import { ARCHITECTURES, type Architecture, type Benchmark } from './architectures';
import type { BlockShape, GridAxes, GridSpec, NetworkShape } from './grid-axes';
import { checkGridLimits } from './grid-limits';

// The grid's types live in grid-axes.ts, which grid-limits.ts imports too; named here as well,
// where a reader of the grids looks for them.
export type { BlockShape, GridAxes, GridSpec, NetworkShape } from './grid-axes';

const UCI_WIDTHS = [1024, 512, 256];
const UCI_DEPTHS = [2, 3, 4, 8, 16, 32];
const UCI_LRS = [0.01, 0.1, 1];
const BOTH_SHAPES: NetworkShape[] = ['rectangular', 'conic'];

/**
 * The paper's grids (PAPER.md, from the paper's appendix). Where the paper leaves a value open,
 * the choice is ours and marked: highway networks get one width (512; the paper lists no units
 * for them); HTRU2 and Tox21 list only the SNN's dropout, so the other architectures take their
 * UCI dropout values; ResNet there uses the benchmark's widths and learning rates with the UCI
 * block shapes and bottlenecks.
 */
function paperGrid(benchmark: Benchmark): GridSpec {
  if (benchmark === 'uci') {
    const base = { depth: UCI_DEPTHS, width: UCI_WIDTHS, lr: UCI_LRS, shape: BOTH_SHAPES };
    return {
      name: 'paper',
      epochs: 100,
      batchSize: 32,
      archs: {
        snn: { ...base, dropout: [0.05, 0] },
        msra: { ...base, dropout: [0.5, 0] },
        batchnorm: base,
        layernorm: base,
        weightnorm: base,
        highway: { depth: UCI_DEPTHS, width: [512], lr: UCI_LRS, dropout: [0, 0.5] },
        resnet: {
          depth: [2, 3, 4, 8, 16],
          width: UCI_WIDTHS,
          lr: UCI_LRS,
          blockShape: ['rectangular', 'diavolo'],
          bottleneck: [0.25, 0.5],
        },
      },
    };
  }
  if (benchmark === 'htru2') {
    const base = { depth: [2, 4, 8, 16, 32], width: [256, 512, 1024], lr: [0.1, 0.01, 1] };
    const shaped = { ...base, shape: BOTH_SHAPES };
    return {
      name: 'paper',
      epochs: 100,
      batchSize: 128,
      archs: {
        snn: { ...shaped, dropout: [0, 0.05] },
        msra: { ...shaped, dropout: [0, 0.5] },
        batchnorm: shaped,
        layernorm: shaped,
        weightnorm: shaped,
        highway: { depth: base.depth, width: [512], lr: base.lr, dropout: [0, 0.5] },
        resnet: {
          depth: [2, 4, 8, 16],
          width: base.width,
          lr: base.lr,
          blockShape: ['rectangular', 'diavolo'],
          bottleneck: [0.25, 0.5],
        },
      },
    };
  }
  const base = {
    depth: [2, 3, 4, 6, 8, 16, 32],
    width: [1024, 2048],
    lr: [0.01, 0.05, 0.1],
    l2: [1e-3, 1e-4, 1e-5],
  };
  const shaped = { ...base, shape: BOTH_SHAPES };
  return {
    name: 'paper',
    epochs: 100,
    batchSize: 128,
    archs: {
      snn: { ...shaped, dropout: [0.05, 0.1] },
      msra: { ...shaped, dropout: [0, 0.5] },
      batchnorm: shaped,
      layernorm: shaped,
      weightnorm: shaped,
      highway: { depth: base.depth, width: [1024], lr: base.lr, l2: base.l2, dropout: [0, 0.5] },
      resnet: {
        depth: [2, 3, 4, 6, 8, 16],
        width: base.width,
        lr: base.lr,
        l2: base.l2,
        blockShape: ['rectangular', 'diavolo'],
        bottleneck: [0.25, 0.5],
      },
    },
  };
}

/**
 * Small grids for a first look (minutes on two cores), drawn from the paper's values where they
 * fit: width 256, two depths, the paper's two smaller learning rates, one dropout value besides 0.
 */
function quickGrid(benchmark: Benchmark): GridSpec {
  if (benchmark === 'uci') {
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
  if (benchmark === 'htru2') {
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
  const paper = paperGrid('uci');
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

/** Names of the built-in grids; `table1-small` exists for `uci` only. */
export const BUILTIN_GRIDS = ['paper', 'quick', 'table1-small'] as const;
/** One of {@link BUILTIN_GRIDS}. */
export type BuiltinGridName = (typeof BUILTIN_GRIDS)[number];

/**
 * The built-in grid `name` of a benchmark: `paper`, `quick`, or (UCI only) `table1-small`.
 *
 * @example
 * builtinGrid('uci', 'paper').archs.snn.depth; // [2, 3, 4, 8, 16, 32]
 * builtinGrid('uci', 'table1-small').archs.snn.depth; // [2, 16]
 * @see https://arxiv.org/abs/1706.02515 (appendix: the hyperparameter grids)
 */
export function builtinGrid(benchmark: Benchmark, name: BuiltinGridName): GridSpec {
  if (name === 'paper') return paperGrid(benchmark);
  if (name === 'quick') return quickGrid(benchmark);
  if (benchmark !== 'uci') {
    throw new SnnError(
      `grid ${name} is cut from the UCI grid and exists for snn uci only, not ${benchmark}; use paper, quick or a grid JSON file`,
    );
  }
  return table1SmallGrid();
}

const AXIS_KEYS = [
  'depth',
  'width',
  'lr',
  'dropout',
  'shape',
  'l2',
  'blockShape',
  'bottleneck',
] as const;

/**
 * Checks a grid read from JSON and returns it typed; errors name the field, what was expected and
 * what was found. A grid file is untrusted input: its epochs, widths, depths and the number of
 * configurations it expands to are checked against the limits before anything expands it
 * (see {@link checkGridLimits}).
 *
 * @param value - parsed JSON.
 * @param source - where it came from, for messages (e.g. the file path).
 * @see https://arxiv.org/abs/1706.02515
 */
export function validateGrid(value: unknown, source: string): GridSpec {
  const fail = (what: string, got: unknown): never => {
    throw new SnnError(`grid ${source}: ${what}, got ${JSON.stringify(got)}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected a JSON object', value);
  const v = value as Record<string, unknown>;
  const epochs = v.epochs;
  if (!Number.isInteger(epochs) || (epochs as number) < 1) {
    fail('`epochs` must be a positive integer', epochs);
  }
  const batchSize = v.batchSize;
  if (!Number.isInteger(batchSize) || (batchSize as number) < 1) {
    fail('`batchSize` must be a positive integer', batchSize);
  }
  if (typeof v.archs !== 'object' || v.archs === null) {
    fail('`archs` must map architecture names to axes', v.archs);
  }
  const archs: Partial<Record<Architecture, GridAxes>> = {};
  for (const [arch, axesValue] of Object.entries(v.archs as object)) {
    if (!(ARCHITECTURES as readonly string[]).includes(arch)) {
      fail(`\`archs\` keys must be among ${ARCHITECTURES.join(', ')}`, arch);
    }
    const axes = axesValue as Record<string, unknown>;
    for (const key of Object.keys(axes)) {
      if (!(AXIS_KEYS as readonly string[]).includes(key)) {
        fail(`\`archs.${arch}\` axes must be among ${AXIS_KEYS.join(', ')}`, key);
      }
    }
    const list = (key: string, check: (x: unknown) => boolean, expect: string): void => {
      const a = axes[key];
      if (a === undefined && !['depth', 'width', 'lr'].includes(key)) return;
      if (!Array.isArray(a) || a.length === 0 || !a.every(check)) {
        fail(`\`archs.${arch}.${key}\` must be a non-empty array of ${expect}`, a);
      }
    };
    const posInt = (x: unknown) => Number.isInteger(x) && (x as number) >= 1;
    const posNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
    list('depth', posInt, 'positive integers');
    list('width', posInt, 'positive integers');
    list('lr', posNum, 'positive numbers');
    list('dropout', (x) => typeof x === 'number' && x >= 0 && x < 1, 'rates in [0, 1)');
    list('shape', (x) => x === 'rectangular' || x === 'conic', "'rectangular' or 'conic'");
    list('l2', (x) => typeof x === 'number' && x >= 0, 'numbers ≥ 0');
    list('blockShape', (x) => x === 'rectangular' || x === 'diavolo', "'rectangular' or 'diavolo'");
    list('bottleneck', (x) => typeof x === 'number' && x > 0 && x <= 1, 'fractions in (0, 1]');
    archs[arch as Architecture] = axes as unknown as GridAxes;
  }
  const grid = {
    name: typeof v.name === 'string' ? v.name : source,
    epochs: epochs as number,
    batchSize: batchSize as number,
    archs,
  };
  checkGridLimits(grid, source);
  return grid;
}
