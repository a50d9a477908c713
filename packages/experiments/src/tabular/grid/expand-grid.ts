import { expandAxes, pointId } from '@snn/sweep';
import { SnnError } from '../../../../../internal/snn-error';
import type { Architecture } from './architectures';
import type { BlockShape, GridAxes, GridSpec, NetworkShape } from './grid-axes';

/** One point of a grid: everything `buildFnn` and the optimizer need besides the data. */
export interface Configuration {
  arch: Architecture;
  depth: number;
  width: number;
  lr: number;
  dropout: number;
  shape: NetworkShape;
  l2: number;
  /** ResNet only. */
  blockShape?: BlockShape;
  /** ResNet only: bottleneck width as a fraction of `width`. */
  bottleneck?: number;
}

/**
 * A stable, readable name of a configuration, unique within a grid, used as the key of the result
 * store: `snn/depth=8/width=512/lr=0.1/dropout=0.05/shape=conic/l2=0`.
 *
 * @example
 * configurationId({arch: 'snn', depth: 2, width: 16, lr: 0.1, dropout: 0, shape: 'rectangular', l2: 0});
 * // 'snn/depth=2/width=16/lr=0.1/dropout=0/shape=rectangular/l2=0'
 * @see https://arxiv.org/abs/1706.02515
 */
export function configurationId(c: Configuration): string {
  const { arch, ...axes } = c;
  return `${arch}/${pointId(axes)}`;
}

/**
 * The search space of `arch` in `grid`: every axis with its values, those left out with their one
 * default (dropout 0, shape 'rectangular', l2 0; ResNet's block shape and bottleneck), in axis
 * order — what a grid search enumerates and a random search draws from.
 *
 * @example
 * gridSpace(builtinGrid('uci', 'quick'), 'snn'); // { depth: [...], width: [...], lr: [...], dropout: [...], shape: [...], l2: [0] }
 * @see https://arxiv.org/abs/1706.02515
 */
export function gridSpace(grid: GridSpec, arch: Architecture): Record<string, readonly unknown[]> {
  const axes: GridAxes | undefined = grid.archs[arch];
  if (axes === undefined) {
    const have = Object.keys(grid.archs).join(', ') || 'none';
    throw new SnnError(
      `grid '${grid.name}': no axes for architecture '${arch}' (it has ${have}); add "${arch}" to its "archs" or drop it from --archs`,
    );
  }
  return {
    depth: axes.depth,
    width: axes.width,
    lr: axes.lr,
    dropout: axes.dropout ?? [0],
    shape: axes.shape ?? ['rectangular'],
    l2: axes.l2 ?? [0],
    ...(arch === 'resnet'
      ? { blockShape: axes.blockShape ?? ['rectangular'], bottleneck: axes.bottleneck ?? [0.5] }
      : {}),
  };
}

/**
 * All configurations of `arch` in `grid`: the cartesian product of its axes, in axis order
 * (depth, width, lr, dropout, shape, l2, blockShape, bottleneck), duplicates removed.
 *
 * @example
 * expandGrid(builtinGrid('uci', 'paper'), 'snn').length; // 216 = 6·3·3·2·2
 * @see https://arxiv.org/abs/1706.02515
 */
export function expandGrid(grid: GridSpec, arch: Architecture): Configuration[] {
  const points = expandAxes(gridSpace(grid, arch));
  const byId = new Map<string, Configuration>();
  for (const point of points) {
    const c = { arch, ...point } as Configuration;
    const id = configurationId(c);
    if (!byId.has(id)) byId.set(id, c);
  }
  return [...byId.values()];
}
