import { SnnError } from '../../../../internal/snn-error';

/** Every point of a space of choices, in grid order: the paper's protocol (the default). */
export interface GridSearch {
  type: 'grid';
}

/** `trials` points drawn independently from the space; trial i's point depends only on (seed, i). */
export interface RandomSearch {
  type: 'random';
  trials: number;
}

/** How a sweep picks its configurations from its space: `grid()` or `random({ trials })`. */
export type SearchStrategy = GridSearch | RandomSearch;

/**
 * Grid search: every combination of the space's choices (a space with a range is refused).
 *
 * @example
 * sweep({ …, space: { lr: [0.1, 0.01], depth: [2, 4] }, search: grid() }); // 4 configurations per unit
 * @see https://arxiv.org/abs/1706.02515
 */
export function grid(): GridSearch {
  return { type: 'grid' };
}

/**
 * Random search with a fixed number of trials per data unit (Bergstra & Bengio 2012): trial i
 * takes `randomPoint(space, seed, i)`, so the trials are reproducible from the seed and do not
 * depend on workers, order or resumption, and a larger `trials` only adds trials.
 *
 * @param options.trials - Trials per unit, an integer ≥ 1.
 * @example
 * sweep({ …, space: { lr: logRange(1e-3, 1), depth: intRange(1, 8) }, search: random({ trials: 20 }) });
 * @see https://www.jmlr.org/papers/v13/bergstra12a.html
 */
export function random(options: { trials: number }): RandomSearch {
  const trials = options?.trials;
  if (!Number.isSafeInteger(trials) || trials < 1) {
    throw new SnnError(
      `random: \`trials\` must be an integer ≥ 1 (configurations drawn per data unit), got ${JSON.stringify(trials)}`,
    );
  }
  return { type: 'random', trials };
}

/**
 * Checks a strategy given as data (an option, a queued header); returns it or throws naming `who`.
 *
 * @example
 * checkSearch({ type: 'random', trials: 8 }, 'plan'); // { type: 'random', trials: 8 }
 */
export function checkSearch(search: unknown, who: string): SearchStrategy {
  const s = search as { type?: unknown; trials?: unknown } | null;
  if (s !== null && typeof s === 'object' && s.type === 'grid') return { type: 'grid' };
  if (s !== null && typeof s === 'object' && s.type === 'random') {
    return random({ trials: s.trials as number });
  }
  throw new SnnError(
    `${who}: \`search\` must be grid() or random({ trials }), got ${JSON.stringify(search)}`,
  );
}
