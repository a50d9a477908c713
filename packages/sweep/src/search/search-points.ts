import { SnnError } from '../../../../internal/snn-error';
import { expandAxes, pointId } from '../grid/expand-axes';
import { randomPoint } from './random-point';
import { type SearchSpace, type SpacePoint, isRange } from './search-space';
import type { SearchStrategy } from './search-strategy';

/** A configuration chosen by a search, with the name that keys its trials. */
export interface SearchPoint<C> {
  /** `pointId(config)` for a grid; `trial=<i>/<pointId(config)>` for random search. */
  id: string;
  config: C;
  /** Trial number of a random search (absent for a grid). */
  index?: number;
}

/**
 * The id of a search point: `pointId(config)` for a grid point (`index` absent), and
 * `trial=<index>/<pointId(config)>` for trial `index` of a random search.
 *
 * @example
 * searchPointId({ lr: 0.1 });    // 'lr=0.1'
 * searchPointId({ lr: 0.1 }, 3); // 'trial=3/lr=0.1'
 * @see https://arxiv.org/abs/1706.02515
 */
export function searchPointId(config: Record<string, unknown>, index?: number): string {
  return index === undefined ? pointId(config) : `trial=${index}/${pointId(config)}`;
}

/**
 * The configurations a search takes from `space`, in order: the cartesian product of its choices
 * for a grid (`expandAxes`), trials 0 … n−1 (`randomPoint`) for random search. A random trial's
 * id carries its number and its configuration, so ids stay unique when two trials draw the same
 * configuration, and a stored trial is found again only if its configuration is unchanged.
 *
 * @example
 * searchPoints({ lr: [0.1, 0.01] }, { type: 'grid' }, 1).map((p) => p.id);       // ['lr=0.1', 'lr=0.01']
 * searchPoints({ lr: [0.1, 0.01] }, { type: 'random', trials: 2 }, 1)[0]!.id;    // 'trial=0/lr=…'
 * @see https://arxiv.org/abs/1706.02515
 */
export function searchPoints<S extends SearchSpace>(
  space: S,
  search: SearchStrategy,
  seed: number,
): Array<SearchPoint<SpacePoint<S>>> {
  if (search.type === 'grid') {
    const ranged = Object.entries(space).find(([, d]) => isRange(d));
    if (ranged !== undefined) {
      throw new SnnError(
        `grid search: \`space.${ranged[0]}\` is a range, which has no finite list of values; list its values (an array) or use random({ trials })`,
      );
    }
    return expandAxes(space as Record<string, readonly unknown[]>).map((config) => ({
      id: searchPointId(config),
      config: config as SpacePoint<S>,
    }));
  }
  return Array.from({ length: search.trials }, (_, index) => {
    const config = randomPoint(space, seed, index);
    return { id: searchPointId(config, index), config, index };
  });
}
