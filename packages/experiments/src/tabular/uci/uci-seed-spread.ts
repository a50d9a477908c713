import { firstDifference } from '@snn/sweep';
import { SnnError } from '../../../../../internal/snn-error';
import type { Architecture } from '../grid/architectures';
import { datasetRanks, meanRanks, rankData } from '../metrics/rank-data';
import { meanStd } from '../metrics/summary';
import { type UciGroup, type UciResult, uciSizeGroup } from './uci-report';

/** How one architecture's place in the UCI table moves when only the seed changes. */
export interface UciSeedSpreadRow {
  arch: Architecture;
  /** Its average rank over the compared sets in each run, in the runs' order. */
  averageRank: number[];
  /** Its place among the architectures by average rank in each run (1 = best; ties share). */
  place: number[];
  /** Largest minus smallest of `averageRank`: how far its average rank moved between seeds. */
  rankRange: number;
  /**
   * Mean over the sets and over every pair of runs of |rank in run i − rank in run j| on one set:
   * how far its rank on a single set moves between seeds.
   */
  meanSetRankChange: number;
  /**
   * The standard error of the change in its average rank between two runs,
   * sd_d(r_d,i − r_d,j) / √n over the n sets, averaged over the pairs of runs: the size a change
   * of `averageRank` has when the per-set ranks move as they did, independently across sets.
   */
  rankChangeStandardError: number;
  /** Mean over the sets and pairs of runs of |test accuracy in run i − in run j|. */
  meanAccuracyChange: number;
}

/** {@link uciSeedSpread}'s answer: the UCI table of several runs that differ only in `seed`. */
export interface UciSeedSpread {
  group: UciGroup;
  seeds: number[];
  /** The sets of `group` that every run has complete, in the runs' dataset order. */
  datasets: string[];
  /** One row per architecture, ordered by its mean average rank over the runs. */
  rows: UciSeedSpreadRow[];
  /** The best architecture (lowest average rank) of each run. */
  best: Architecture[];
}

/**
 * How far the UCI ranking moves between runs that differ only in `--seed` (weights, mini-batch
 * order, dropout masks and validation splits all follow the seed): each architecture's average
 * rank and place per run, the range of its average rank, the mean change of its rank on a single
 * set, and the standard error of a change in average rank implied by those per-set changes.
 * Ranks are recomputed on the sets complete in every run, so an unfinished run compares on the
 * sets it has.
 *
 * Per set d and run i, r_d,i(a) is architecture a's rank by test accuracy among the k
 * architectures (1 = best, ties share their mean rank); its average rank is R_i(a) = mean_d r_d,i(a).
 *
 * @param results `uci.json` of two or more runs (or `reportUci` of their stores); their
 *   configurations must be equal apart from the seed.
 * @example
 * const spread = uciSeedSpread([reportUci(plan1, store1), reportUci(plan2, store2)], 'small');
 * spread.rows.find((r) => r.arch === 'snn')?.rankRange; // e.g. 0.25
 * @see https://arxiv.org/abs/1706.02515 (Table 1: average ranks over the UCI sets)
 */
export function uciSeedSpread(
  results: readonly UciResult[],
  group: UciGroup = 'all',
): UciSeedSpread {
  if (results.length < 2) {
    throw new SnnError(
      `uciSeedSpread: \`results\` must hold at least two runs to compare, got ${results.length}; pass the results of runs with different seeds`,
    );
  }
  const first = results[0]!.config;
  const seeds = results.map((r) => r.config.seed);
  results.forEach((result, i) => {
    if (i === 0) return;
    const difference = firstDifference(comparable(first), comparable(result.config), [
      'in run 1',
      `run ${i + 1} has`,
    ]);
    if (difference !== null) {
      throw new SnnError(
        `uciSeedSpread: the runs must differ only in their seed, but ${difference}; compare runs of one command with different --seed values`,
      );
    }
    const again = seeds.indexOf(result.config.seed);
    if (again !== i) {
      throw new SnnError(
        `uciSeedSpread: runs ${again + 1} and ${i + 1} both have seed ${result.config.seed}; compare runs with different seeds`,
      );
    }
  });

  const archs = first.archs;
  const inGroup = new Set(
    first.datasets
      .filter((d) => group === 'all' || uciSizeGroup(d.samples) === group)
      .map((d) => d.name),
  );
  const accuracies = results.map((result) => {
    const byKey = new Map(result.results.map((row) => [`${row.dataset}/${row.arch}`, row]));
    return (dataset: string, arch: Architecture) => byKey.get(`${dataset}/${arch}`)?.testAccuracy;
  });
  const datasets = first.datasets
    .map((d) => d.name)
    .filter(
      (name) =>
        inGroup.has(name) &&
        accuracies.every((accuracy) => archs.every((a) => accuracy(name, a) !== undefined)),
    );
  if (datasets.length === 0) {
    throw new SnnError(
      `uciSeedSpread: no ${group === 'all' ? '' : `${group} `}set is complete in every run; compare once each run has finished at least one set of that group`,
    );
  }

  // ranks[i][d][j]: rank of architecture j on set d in run i (higher accuracy = lower rank).
  const ranks = accuracies.map((accuracy) =>
    datasetRanks(datasets.map((d) => archs.map((a) => accuracy(d, a)!))),
  );
  const averageRanks = ranks.map(meanRanks);
  const places = averageRanks.map((run) => rankData(run));
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < results.length; i++) {
    for (let k = i + 1; k < results.length; k++) pairs.push([i, k]);
  }

  const rows: UciSeedSpreadRow[] = archs.map((arch, j) => {
    const averageRank = averageRanks.map((run) => run[j]!);
    const setChanges = pairs.map(([i, k]) =>
      datasets.map((_, d) => ranks[i]![d]![j]! - ranks[k]![d]![j]!),
    );
    const accuracyChanges = pairs.map(([i, k]) =>
      datasets.map((d) => Math.abs(accuracies[i]!(d, arch)! - accuracies[k]!(d, arch)!)),
    );
    return {
      arch,
      averageRank,
      place: places.map((run) => run[j]!),
      rankRange: Math.max(...averageRank) - Math.min(...averageRank),
      meanSetRankChange: mean(setChanges.map((changes) => mean(changes.map(Math.abs)))),
      rankChangeStandardError: mean(
        setChanges.map((changes) => meanStd(changes).std / Math.sqrt(changes.length)),
      ),
      meanAccuracyChange: mean(accuracyChanges.map(mean)),
    };
  });
  rows.sort((a, b) => mean(a.averageRank) - mean(b.averageRank));
  const best = averageRanks.map((run) => archs[run.indexOf(Math.min(...run))]!);
  return { group, seeds, datasets, rows, best };
}

/** A run's configuration without what may differ between the compared runs. */
function comparable(config: UciResult['config']): object {
  const { seed: _seed, backend: _backend, shard: _shard, ...rest } = config;
  return rest;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
