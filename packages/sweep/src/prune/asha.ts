import { SnnError } from '../../../../internal/snn-error';

/** Options of {@link asha}. */
export interface AshaOptions {
  /** r: the first rung's epoch (resource), an integer ≥ 1; default 1. */
  minResource?: number;
  /** η: rungs at r·η^k, and a trial goes on past a rung only in the top 1/η; an integer ≥ 2, default 3. */
  reductionFactor?: number;
  /** The epochs a trial trains at most: rungs lie below it; default none (rungs without end). */
  maxResource?: number | null;
  /** Whether larger reported values are better (`max`, e.g. accuracy; default) or smaller (`min`, a loss). */
  mode?: 'max' | 'min';
}

/** The settings of ASHA pruning as data: what a store header and a queued job carry. */
export interface AshaPruner {
  type: 'asha';
  minResource: number;
  reductionFactor: number;
  maxResource: number | null;
  mode: 'max' | 'min';
}

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020): a trial reports its metric as it
 * trains, and at each rung epoch e_k = r·η^k (k = 0, 1, …, e_k < `maxResource`) it goes on only
 * if its value is among the best max(1, ⌊n/η⌋) of the n values recorded at that rung of its
 * bracket so far, its own included (Optuna's `SuccessiveHalvingPruner` rule; ties go on). The
 * first trials to reach a rung are compared only with those before them — the asynchronous part —
 * so the run never waits for a rung to fill. Trials are compared within their bracket: the data
 * unit by default, so data sets never compete.
 *
 * @example
 * sweep({ …, search: random({ trials: 27 }), prune: asha({ minResource: 1, reductionFactor: 3, maxResource: 27 }) });
 * // rungs at epochs 1, 3 and 9: about 27 → 9 → 3 → 1 trials go on past them
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export function asha(options: AshaOptions = {}): AshaPruner {
  return checkPruner(
    {
      type: 'asha',
      minResource: options.minResource ?? 1,
      reductionFactor: options.reductionFactor ?? 3,
      maxResource: options.maxResource ?? null,
      mode: options.mode ?? 'max',
    },
    'asha',
  );
}

/**
 * Checks pruner settings given as data (an option, a header, a job from the queue) and returns
 * them; throws an `SnnError` naming `who`, the field, its range and the value otherwise.
 *
 * @example
 * checkPruner(JSON.parse(JSON.stringify(asha())), 'job'); // the same settings
 */
export function checkPruner(value: unknown, who: string): AshaPruner {
  const p = value as Partial<AshaPruner> | null;
  const fail = (why: string): never => {
    throw new SnnError(`${who}: ${why}`);
  };
  if (p === null || typeof p !== 'object' || p.type !== 'asha') {
    return fail(`the pruner must be asha({ … }), got ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  const { minResource, reductionFactor, maxResource, mode } = p;
  if (!Number.isSafeInteger(minResource) || minResource! < 1) {
    fail(
      `\`minResource\` (the first rung's epoch) must be an integer ≥ 1, got ${JSON.stringify(minResource)}`,
    );
  }
  if (!Number.isSafeInteger(reductionFactor) || reductionFactor! < 2 || reductionFactor! > 1000) {
    fail(
      `\`reductionFactor\` (η) must be an integer in [2, 1000], got ${JSON.stringify(reductionFactor)}`,
    );
  }
  if (maxResource !== null && (!Number.isSafeInteger(maxResource) || maxResource! < minResource!)) {
    fail(
      `\`maxResource\` (the epochs a trial trains at most) must be an integer ≥ minResource (${minResource}) or null, got ${JSON.stringify(maxResource)}`,
    );
  }
  if (mode !== 'max' && mode !== 'min') {
    fail(`\`mode\` must be 'max' (larger is better) or 'min', got ${JSON.stringify(mode)}`);
  }
  return {
    type: 'asha',
    minResource: minResource!,
    reductionFactor: reductionFactor!,
    maxResource: maxResource ?? null,
    mode: mode!,
  };
}
