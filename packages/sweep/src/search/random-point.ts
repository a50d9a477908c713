import { mulberry32 } from '../../../../internal/rng';
import { taskSeed } from '../grid/task-seed';
import { sampleDimension } from './sample-dimension';
import type { SearchSpace, SpacePoint } from './search-space';

/**
 * Trial `index` of a random search: each dimension drawn independently, from its own uniform
 * u = mulberry32(taskSeed(seed, `trial=<index>/<name>`))(), through {@link sampleDimension}. A
 * pure function of (space, seed, index): the same on every worker, in every order, after any
 * resumption; adding or reordering dimensions leaves the others' values unchanged. Draws are
 * independent between trials (with replacement, as Bergstra & Bengio's random search), so two
 * trials of a small space of choices may share a configuration — they differ in their seeds.
 *
 * @param index - Trial number, an integer ≥ 0.
 * @example
 * randomPoint({ lr: logRange(1e-3, 1), depth: [2, 4, 8] }, 1, 0); // { lr: 0.0123…, depth: 4 }
 * @see https://www.jmlr.org/papers/v13/bergstra12a.html
 */
export function randomPoint<S extends SearchSpace>(
  space: S,
  seed: number,
  index: number,
): SpacePoint<S> {
  const point: Record<string, unknown> = {};
  for (const [name, dimension] of Object.entries(space)) {
    const u = mulberry32(taskSeed(seed, `trial=${index}/${name}`))();
    point[name] = sampleDimension(dimension, u);
  }
  return point as SpacePoint<S>;
}
