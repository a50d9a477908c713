import type { AshaPruner } from './asha';

/**
 * The epoch of rung k, e_k = r·η^k, or null when rung k does not exist (e_k ≥ `maxResource`:
 * a trial that reaches its last epoch is finished, not judged).
 *
 * @example
 * rungEpoch(asha({ minResource: 1, reductionFactor: 3, maxResource: 10 }), 2); // 9
 * rungEpoch(asha({ minResource: 1, reductionFactor: 3, maxResource: 10 }), 3); // null (27 ≥ 10)
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export function rungEpoch(pruner: AshaPruner, k: number): number | null {
  const epoch = pruner.minResource * pruner.reductionFactor ** k;
  if (!Number.isSafeInteger(epoch)) return null;
  return pruner.maxResource !== null && epoch >= pruner.maxResource ? null : epoch;
}

/**
 * Every rung epoch of `pruner` up to `epochs` (inclusive): r, r·η, r·η², …
 *
 * @example
 * rungEpochs(asha({ minResource: 2, reductionFactor: 2 }), 20); // [2, 4, 8, 16]
 */
export function rungEpochs(pruner: AshaPruner, epochs: number): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const e = rungEpoch(pruner, k);
    if (e === null || e > epochs) return out;
    out.push(e);
  }
}
