import { SnnError } from '../../../../internal/snn-error';

/** Named axes of a grid: each name lists the values it takes. */
export type Axes = Record<string, readonly unknown[]>;

/** One point of a grid of `A`: a value for every axis. */
export type AxesPoint<A extends Axes> = { [K in keyof A]: A[K][number] };

/**
 * The cartesian product of named axes: every combination of one value per axis, the first axis
 * varying slowest (as nested loops in the axes' key order), |result| = ∏ |axis|.
 *
 * @param axes each axis's values; an empty axis (no values) is an error, not an empty grid.
 * @example
 * expandAxes({ depth: [2, 4], lr: [0.1, 0.01] });
 * // [{depth: 2, lr: 0.1}, {depth: 2, lr: 0.01}, {depth: 4, lr: 0.1}, {depth: 4, lr: 0.01}]
 * @see https://arxiv.org/abs/1706.02515
 */
export function expandAxes<A extends Axes>(axes: A): Array<AxesPoint<A>> {
  let points: Array<Record<string, unknown>> = [{}];
  for (const [name, values] of Object.entries(axes)) {
    if (values.length === 0) {
      throw new SnnError(
        `expandAxes: axis '${name}' has no values, so the grid would be empty; give it at least one value or leave it out`,
      );
    }
    points = points.flatMap((point) => values.map((value) => ({ ...point, [name]: value })));
  }
  return points as Array<AxesPoint<A>>;
}

/**
 * A stable, readable name of a grid point, `name=value` per axis joined by `/` in key order:
 * usable as (part of) a store key.
 *
 * @example
 * pointId({ depth: 2, lr: 0.1 }); // 'depth=2/lr=0.1'
 * @see https://arxiv.org/abs/1706.02515
 */
export function pointId(point: Record<string, unknown>): string {
  return Object.entries(point)
    .filter(([, value]) => value !== undefined)
    .map(
      ([name, value]) =>
        `${name}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join('/');
}
