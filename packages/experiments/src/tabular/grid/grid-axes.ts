import type { Architecture } from './architectures';

/** Layer widths shrink from `width` to the output size ('conic') or stay constant. */
export type NetworkShape = 'rectangular' | 'conic';
/** Both network shapes, the shape axis of the paper's grids. */
export const NETWORK_SHAPES: NetworkShape[] = ['rectangular', 'conic'];
/** ResNet block shape: constant width, or narrowing to the bottleneck and back ('diavolo'). */
export type BlockShape = 'rectangular' | 'diavolo';

/**
 * The values tried for one architecture; the grid is their cartesian product. `depth` counts
 * hidden layers (residual blocks for ResNet). Axes left out take one default value: dropout 0,
 * shape 'rectangular', l2 0; `blockShape` ['rectangular'] and `bottleneck` [0.5] apply to ResNet only.
 */
export interface GridAxes {
  depth: number[];
  width: number[];
  lr: number[];
  dropout?: number[];
  shape?: NetworkShape[];
  l2?: number[];
  blockShape?: BlockShape[];
  bottleneck?: number[];
}

/**
 * A hyperparameter grid with its training budget: plain SGD (the paper's code), `epochs` per
 * configuration, mini-batches of `batchSize`; selection then picks the epoch on the validation
 * curve. Write one as JSON and pass its path to `--grid`.
 *
 * @example
 * { "name": "tiny", "epochs": 12, "batchSize": 16,
 *   "archs": { "snn": { "depth": [2], "width": [16], "lr": [0.05], "dropout": [0, 0.05] } } }
 */
export interface GridSpec {
  name: string;
  epochs: number;
  batchSize: number;
  archs: Partial<Record<Architecture, GridAxes>>;
}
