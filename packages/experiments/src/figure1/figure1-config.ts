import { UsageError } from '../common/usage-error';

/** Datasets of the paper's Figure 1 (plus Fashion-MNIST, same format as MNIST). */
export const FIGURE1_DATASETS = ['mnist', 'fashion-mnist', 'cifar10'] as const;
/** One of {@link FIGURE1_DATASETS}. */
export type Figure1Dataset = (typeof FIGURE1_DATASETS)[number];

/** The two network types Figure 1 compares. */
export const FIGURE1_ARCHS = ['snn', 'batchnorm'] as const;
/** One of {@link FIGURE1_ARCHS}. */
export type Figure1Arch = (typeof FIGURE1_ARCHS)[number];

/** Options of a Figure 1 run: the `snn figure1` flags in camelCase. */
export interface Figure1Options {
  /** Default `mnist`. */
  dataset?: Figure1Dataset;
  /**
   * Where the data came from (`embedded`, `remote` or a folder); recorded in the config. The
   * Node `runFigure1` loads it; the browser-safe `trainFigure1` receives the arrays.
   * Default `embedded` for MNIST, `remote` otherwise.
   */
  source?: string;
  /** Hidden layers of each network, each ≥ 1. Default 8, 16, 32. */
  depths?: number[];
  /** Default both: `snn`, `batchnorm`. */
  archs?: Figure1Arch[];
  /** Training epochs per curve, ≥ 1. Default 2000 (the paper's), `quick` 20. */
  epochs?: number;
  /** SGD learning rate, > 0. Default 1e-5 (the paper's), `quick` 0.02. */
  lr?: number;
  /** Minibatch size, ≥ 1. Default 128. */
  batch?: number;
  /** Units per hidden layer: `input` (the input size, the paper's) or a number. `quick` 256. */
  width?: 'input' | number;
  /** Train on this many training rows (a seeded random subset); default all, `quick` 2048. */
  limit?: number;
  /** Seed of the subset, the initial weights and the minibatch order. Default 1. */
  seed?: number;
  /** Embedded MNIST, a 2048-row subset, width 256, 20 epochs at lr 0.02: minutes instead of weeks. */
  quick?: boolean;
}

/** The paper's recipe (PAPER.md, Figure 1). */
export const FIGURE1_PAPER_DEFAULTS = {
  depths: [8, 16, 32],
  archs: ['snn', 'batchnorm'] as Figure1Arch[],
  epochs: 2000,
  lr: 1e-5,
  batch: 128,
  width: 'input' as const,
};

/**
 * `--quick`: embedded MNIST, a seeded 2048-row subset and width 256 instead of 784 so that all six
 * curves (depths 8/16/32, both architectures) train in minutes on two cores, with a learning rate
 * (0.02 instead of 1e-5) large enough that 20 epochs separate the curves: the SNNs fall fastest,
 * the deeper the faster, while deeper BatchNorm networks train slower and less evenly.
 */
export const FIGURE1_QUICK_DEFAULTS = {
  dataset: 'mnist' as const,
  source: 'embedded',
  depths: [8, 16, 32],
  archs: ['snn', 'batchnorm'] as Figure1Arch[],
  epochs: 20,
  lr: 0.02,
  batch: 128,
  width: 256,
  limit: 2048,
};

/** A resolved Figure 1 configuration, as recorded in `figure1.json`. */
export interface Figure1Config {
  dataset: Figure1Dataset;
  source: string;
  depths: number[];
  archs: Figure1Arch[];
  epochs: number;
  lr: number;
  batch: number;
  /** Units per hidden layer (the input size when `width: 'input'` was asked for). */
  width: number;
  /** Training rows used (after `limit`). */
  trainSize: number;
  /** The `limit` asked for, or null for all rows. */
  limit: number | null;
  inputDim: number;
  classes: number;
  seed: number;
  quick: boolean;
  optimizer: 'sgd';
  /** What `loss[e]` is. */
  loss: string;
}

/** What the loss values of a Figure 1 result are (`config.loss` of every result). */
export const FIGURE1_LOSS_DESCRIPTION =
  'mean categorical cross-entropy over the training rows (standardized with statistics of those ' +
  'rows), evaluated in minibatches in training mode (BatchNorm uses batch statistics, as the ' +
  "paper's code does); loss[0] before training, loss[e] after epoch e";

function positiveInteger(flag: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be an integer ≥ 1; got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Fills in defaults (the paper's, or {@link FIGURE1_QUICK_DEFAULTS} with `quick`; explicit
 * options win) and validates every option against the data's shape. Throws {@link UsageError}.
 */
export function resolveFigure1Config(
  options: Figure1Options,
  data: { n: number; d: number; classes: number },
): Figure1Config {
  const quick = options.quick === true;
  const base = quick ? FIGURE1_QUICK_DEFAULTS : FIGURE1_PAPER_DEFAULTS;
  const dataset = options.dataset ?? 'mnist';
  if (!(FIGURE1_DATASETS as readonly string[]).includes(dataset)) {
    throw UsageError.choice('--dataset', dataset, FIGURE1_DATASETS);
  }
  const source = options.source ?? (dataset === 'mnist' ? 'embedded' : 'remote');
  const depths = options.depths ?? base.depths;
  if (!Array.isArray(depths) || depths.length === 0) {
    throw new UsageError(
      `--depths must be a non-empty list of integers ≥ 1; got ${JSON.stringify(depths)}`,
    );
  }
  for (const depth of depths) {
    if (!Number.isInteger(depth) || depth < 1) {
      throw new UsageError(`--depths must be integers ≥ 1; got ${JSON.stringify(depths)}`);
    }
  }
  const archs = options.archs ?? base.archs;
  if (!Array.isArray(archs) || archs.length === 0) {
    throw UsageError.choice('--archs', archs, FIGURE1_ARCHS);
  }
  for (const arch of archs) {
    if (!(FIGURE1_ARCHS as readonly string[]).includes(arch)) {
      throw UsageError.choice('--archs', arch, FIGURE1_ARCHS);
    }
  }
  const epochs = positiveInteger('--epochs', options.epochs ?? base.epochs);
  const lr = options.lr ?? base.lr;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new UsageError(`--lr must be a number > 0; got ${JSON.stringify(lr)}`);
  }
  const batch = positiveInteger('--batch', options.batch ?? base.batch);
  const widthOption = options.width ?? base.width;
  const width = widthOption === 'input' ? data.d : positiveInteger('--width', widthOption);
  const limitOption = options.limit ?? (quick ? FIGURE1_QUICK_DEFAULTS.limit : undefined);
  const limit = limitOption === undefined ? null : positiveInteger('--limit', limitOption);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UsageError(`--seed must be an integer ≥ 0; got ${JSON.stringify(seed)}`);
  }
  if (data.n < 1) throw new UsageError(`--dataset ${dataset}: the training split is empty`);
  return {
    dataset,
    source,
    depths: [...depths],
    archs: [...new Set(archs)],
    epochs,
    lr,
    batch,
    width,
    trainSize: limit === null ? data.n : Math.min(limit, data.n),
    limit,
    inputDim: data.d,
    classes: data.classes,
    seed,
    quick,
    optimizer: 'sgd',
    loss: FIGURE1_LOSS_DESCRIPTION,
  };
}
