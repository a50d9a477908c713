import { type AshaPruner, type SearchStrategy, asha, checkPruner, checkSearch } from '@snn/sweep';

/** ASHA's reduction factor for `--prune asha`: a third of the trials go on past each rung. */
export const TABULAR_ASHA_ETA = 3;

/**
 * The search and pruning a tabular run's plan (its store header's fingerprint) records: absent
 * for the paper's protocol — the whole grid, no pruning — so the stores of grid runs keep their
 * headers, and present as `search: { type: 'random', trials }` and `prune: asha(…)` otherwise.
 */
export interface TabularSearch {
  search?: SearchStrategy;
  prune?: AshaPruner;
}

/**
 * `--prune asha` for a grid of `epochs` epochs: η = 3, the first rung at r = ⌈epochs/27⌉ so that
 * three rungs (r, 3r, 9r) come before the last epoch, which is the maximum resource.
 *
 * @example
 * tabularAsha(100); // rungs at epochs 4, 12, 36: { minResource: 4, reductionFactor: 3, maxResource: 100 }
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export function tabularAsha(epochs: number): AshaPruner {
  return asha({
    minResource: Math.max(1, Math.ceil(epochs / TABULAR_ASHA_ETA ** 3)),
    reductionFactor: TABULAR_ASHA_ETA,
    maxResource: epochs,
  });
}

/**
 * The search and pruner of a plan (a store header's fingerprint, possibly from the queue):
 * the grid and no pruner when the plan names none; checked otherwise (throws naming the field).
 *
 * @example
 * planSearch(header.fingerprint); // { search: { type: 'grid' }, prune: undefined }
 */
export function planSearch(plan: object): { search: SearchStrategy; prune?: AshaPruner } {
  const { search, prune } = plan as TabularSearch;
  return {
    search: search === undefined ? { type: 'grid' } : checkSearch(search, 'plan'),
    ...(prune === undefined ? {} : { prune: checkPruner(prune, 'plan: `prune`') }),
  };
}
