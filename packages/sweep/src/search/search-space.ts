import { SnnError } from '../../../../internal/snn-error';

/**
 * A numeric range of a search space: `low ≤ x ≤ high`, drawn uniformly in x (`log: false`) or in
 * ln x (`log: true`, `low > 0`), as floats or integers (`int: true`: both bounds included).
 * Made by `range`, `logRange`, `intRange` and `intLogRange`.
 */
export interface RangeDimension {
  type: 'range';
  low: number;
  high: number;
  log: boolean;
  int: boolean;
}

/** One named dimension of a space: a list of choices (a grid axis) or a {@link RangeDimension}. */
export type Dimension = readonly unknown[] | RangeDimension;

/**
 * A search space: named dimensions, each a list of choices or a range. A grid (`Axes`) is the
 * space whose dimensions are all choices, enumerated in full by a grid search.
 */
export type SearchSpace = Record<string, Dimension>;

/** One point of a space `S`: a choice's value, or a number for a range. */
export type SpacePoint<S extends SearchSpace> = {
  [K in keyof S]: S[K] extends readonly unknown[] ? S[K][number] : number;
};

/**
 * Whether `dimension` is a range rather than a list of choices.
 *
 * @example
 * isRange(logRange(1e-3, 1)); // true
 * isRange([2, 4]);            // false
 */
export function isRange(dimension: Dimension): dimension is RangeDimension {
  return !Array.isArray(dimension);
}

/**
 * Checks a space before anything is drawn from it: every dimension a non-empty array of choices
 * or a range made by `range`/`logRange`/`intRange`/`intLogRange`; throws an `SnnError` naming the
 * dimension (prefixed by `who`) otherwise.
 *
 * @example
 * checkSpace({ lr: logRange(1e-3, 1), depth: [2, 4] }, 'sweep'); // passes
 * @see https://arxiv.org/abs/1706.02515
 */
export function checkSpace(space: unknown, who: string): asserts space is SearchSpace {
  if (space === null || typeof space !== 'object' || Array.isArray(space)) {
    throw new SnnError(
      `${who}: \`space\` must be an object of dimensions, e.g. { lr: logRange(1e-3, 1), depth: [2, 4] }, got ${JSON.stringify(space)}`,
    );
  }
  for (const [name, dimension] of Object.entries(space as Record<string, unknown>)) {
    if (Array.isArray(dimension)) {
      if (dimension.length === 0) {
        throw new SnnError(
          `${who}: \`space.${name}\` has no values; give it at least one choice or leave it out`,
        );
      }
      continue;
    }
    const d = dimension as Partial<RangeDimension> | null;
    if (d === null || typeof d !== 'object' || d.type !== 'range') {
      throw new SnnError(
        `${who}: \`space.${name}\` must be an array of choices or a range (range, logRange, intRange, intLogRange), got ${JSON.stringify(dimension)}`,
      );
    }
  }
}
