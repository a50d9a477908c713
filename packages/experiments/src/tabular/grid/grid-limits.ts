import { checkLimit } from '../../../../../internal/limits';
import type { Architecture } from './architectures';
import type { GridAxes, GridSpec } from './grid-axes';

/**
 * How many configurations `axes` expand to, at most (the product of the axis lengths; ResNet's
 * block shape and bottleneck included), computed without expanding them.
 */
function pointsOf(arch: Architecture, axes: GridAxes): number {
  const lengths = [
    axes.depth.length,
    axes.width.length,
    axes.lr.length,
    axes.dropout?.length ?? 1,
    axes.shape?.length ?? 1,
    axes.l2?.length ?? 1,
    ...(arch === 'resnet' ? [axes.blockShape?.length ?? 1, axes.bottleneck?.length ?? 1] : []),
  ];
  return lengths.reduce((a, b) => a * b, 1);
}

/**
 * Checks a grid against the limits (`LIMITS` of @snn/sweep) before anything expands or trains
 * it: `epochs` (`SNN_MAX_EPOCHS`), every width (`SNN_MAX_WIDTH`) and depth (`SNN_MAX_DEPTH`), and
 * the configurations it expands to, times `units` data units (folds, data sets), against
 * `SNN_MAX_CONFIGURATIONS`. `validateGrid` calls it for every grid file; a queue worker calls it
 * for every job it accepts. Throws a `LimitError` naming the field, the limit, what was found and
 * the environment variable that raises it.
 *
 * @param grid A structurally valid grid (see `validateGrid`).
 * @param source Where the grid came from, for messages (a file path, a job id).
 * @param units Data units the grid runs on (default 1: the grid alone).
 * @returns The number of configurations of the run (grid points × `units`).
 * @example
 * checkGridLimits(builtinGrid('uci', 'paper'), 'paper', 121 * 4); // 470,448
 * @see https://arxiv.org/abs/1706.02515
 */
export function checkGridLimits(grid: GridSpec, source: string, units = 1): number {
  checkLimit('epochs', grid.epochs, `grid ${source}: \`epochs\``);
  let points = 0;
  for (const [arch, axes] of Object.entries(grid.archs) as [Architecture, GridAxes][]) {
    for (const width of axes.width) {
      checkLimit('width', width, `grid ${source}: \`archs.${arch}.width\``);
    }
    for (const depth of axes.depth) {
      checkLimit('depth', depth, `grid ${source}: \`archs.${arch}.depth\``);
    }
    points += pointsOf(arch, axes);
  }
  const where =
    units === 1
      ? `grid ${source}: the configurations it expands to`
      : `grid ${source} on ${units} data units: the configurations of the run`;
  checkLimit('configurations', points * units, where);
  return points * units;
}
