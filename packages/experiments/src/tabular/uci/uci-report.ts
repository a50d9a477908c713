import { foldPart } from '../data/unit-key';
import type { Architecture } from '../grid/architectures';
import type { GridSpec } from '../grid/grid-spec';
import { averageRankStandardErrors, datasetRanks, meanRanks } from '../metrics/rank-data';
import { type WilcoxonResult, wilcoxonSignedRank } from '../metrics/wilcoxon';
import { type SelectedModel, selectFromRecords } from '../report/select-records';
import { gridOrder, plannedCounts } from '../run/grid-task';
import type { ResultRecord } from '../store/result-record';

/** Datasets with fewer samples than this form the paper's "small" group (75 of 121 sets). */
export const UCI_LARGE_DATASET = 1000;

/** The paper's two groups of UCI datasets: fewer than 1000 samples, or at least 1000. */
export type UciSizeGroup = 'small' | 'large';

/** The dataset groups a UCI table is given for: every set, or one of the paper's size groups. */
export type UciGroup = 'all' | UciSizeGroup;

/**
 * The group of a dataset with `samples` rows, counted as the paper counts them (every row of the
 * collection's files, test file included): `small` below {@link UCI_LARGE_DATASET}, else `large`.
 *
 * @example
 * uciSizeGroup(150); // 'small' (iris)
 * uciSizeGroup(4177); // 'large' (abalone)
 * @see https://arxiv.org/abs/1706.02515 (Table 1: 75 sets < 1000, 46 sets ≥ 1000)
 */
export function uciSizeGroup(samples: number): UciSizeGroup {
  return samples < UCI_LARGE_DATASET ? 'small' : 'large';
}

/** Everything a UCI run's results depend on; stored as the result store's fingerprint. */
export interface UciPlan {
  datasets: Array<{
    name: string;
    samples: number;
    features: number;
    classes: number;
    /** `test-file`: tested on the collection's separate test file (17 sets); `fold`: on the split's 25 %. */
    testSource: 'test-file' | 'fold';
    /**
     * The files the archive ships unscaled and the loader scaled as the collection scales the
     * others (`Uci121Dataset.rescaled`); absent when none (most sets).
     */
    rescaled?: Array<'data' | 'test'>;
  }>;
  /** Datasets that could not be loaded (e.g. missing data files), with the loader's message. */
  skipped: Array<{ dataset: string; reason: string }>;
  archs: Architecture[];
  /** `paper`: the first train/test pair of conxuntos_kfold.dat; `kfold`: all four, averaged. */
  split: 'paper' | 'kfold';
  grid: GridSpec;
  seed: number;
  validationFraction: number;
  smoothingWindow: number;
  optimizer: 'sgd';
}

/** One dataset × architecture of `uci.json`. */
export interface UciResultRow {
  dataset: string;
  arch: Architecture;
  /** Test accuracy of the selected model (mean over the four pairs with `--split kfold`). */
  testAccuracy: number;
  /** Smoothed validation accuracy that selected it (same averaging). */
  validationAccuracy: number;
  selected: { folds: SelectedModel[] };
}

/** Average ranks, their difference to the mean rank and Wilcoxon tests for one dataset group. */
export interface UciRankGroup {
  /** Which sets: every one, or the small or large group. */
  group: UciGroup;
  /** `all`, `< 1000` or `≥ 1000` samples. */
  label: string;
  datasets: string[];
  averageRank: Partial<Record<Architecture, number>>;
  /** Average rank minus the mean rank (k + 1)/2: negative is better than average. */
  rankDifference: Partial<Record<Architecture, number>>;
  /**
   * Standard error of the average rank: the standard deviation of the network's per-set ranks
   * over √(sets); null for one set. Average ranks closer than about two of these are no order.
   */
  rankStandardError: Partial<Record<Architecture, number | null>>;
  /** The architecture with the lowest average rank. */
  best: Architecture;
  /** Paired Wilcoxon signed-rank test of each architecture's accuracies against the best's (one- and two-sided p). */
  wilcoxon: Partial<Record<Architecture, WilcoxonResult | null>>;
  /** Set by set against the best: on how many sets the best is more accurate, less, or equal; null for the best. */
  versusBest: Partial<Record<Architecture, SetsVersusBest | null>>;
}

/** How one network's test accuracies compare with the best network's, counted in sets. */
export interface SetsVersusBest {
  /** Sets on which the best network's test accuracy is higher. */
  bestBetter: number;
  /** Sets on which it is lower. */
  bestWorse: number;
  /** Sets on which the two are equal. */
  tied: number;
}

/** `uci.json`. */
export interface UciResult {
  config: UciPlan & { backend?: string; shard?: string };
  results: UciResultRow[];
  ranks: { all: UciRankGroup | null; small: UciRankGroup | null; large: UciRankGroup | null };
  /** Datasets left out of the ranking because some configuration has no result yet. */
  incomplete: string[];
}

/**
 * The rank groups a report shows: all sets, then the < 1000 and ≥ 1000 groups that have sets —
 * and when one size group holds every set (a run of small sets only), that group alone, under its
 * own name, rather than the same columns twice.
 *
 * @example
 * uciShownGroups(reportUci(plan, records)).map((g) => g.label); // ['all', '< 1000', '≥ 1000']
 */
export function uciShownGroups(result: UciResult): UciRankGroup[] {
  return distinctUciGroups(result.ranks);
}

/**
 * The one rule for which UCI dataset groups a report or comparison shows: `all` and each size
 * group with sets, except that a size group holding the same sets as `all` replaces it.
 *
 * @example
 * distinctUciGroups({ all: { datasets: ['a'] }, small: { datasets: ['a'] }, large: null }); // [small]
 */
export function distinctUciGroups<T extends { datasets: readonly string[] }>(groups: {
  all: T | null;
  small: T | null;
  large: T | null;
}): T[] {
  const { all, small, large } = groups;
  const sizes = [small, large].filter((g): g is T => g !== null);
  if (all === null || sizes.some((g) => g.datasets.length === all.datasets.length)) return sizes;
  return [all, ...sizes];
}

/** The folds a split protocol uses: pair 1 for `paper`, pairs 1–4 for `kfold`. */
export function uciFolds(split: UciPlan['split']): number[] {
  return split === 'paper' ? [1] : [1, 2, 3, 4];
}

/**
 * Builds `uci.json` from the stored records of a run: per dataset and architecture, model
 * selection on each split's validation part (moving average of 10 over the validation accuracy,
 * the paper's tie rules), the test accuracy of the winner, then the ranks of the architectures per
 * dataset (ties averaged), their averages over all datasets and over the < 1000 / ≥ 1000 sample
 * groups, and a paired Wilcoxon signed-rank test of every architecture against the best one.
 *
 * @example
 * const result = reportUci(plan, readStore('out/store.jsonl').records);
 * result.ranks.all?.best; // 'snn'
 * @see https://arxiv.org/abs/1706.02515 (Table 1 and appendix A4)
 */
export function reportUci(plan: UciPlan, records: readonly ResultRecord[]): UciResult {
  const order = gridOrder(plan.grid, plan.archs);
  const byPart = new Map<string, ResultRecord[]>();
  for (const r of records) {
    const id = `${r.dataset}/${r.part}/${r.config.arch}`;
    if (!byPart.has(id)) byPart.set(id, []);
    byPart.get(id)!.push(r);
  }
  const folds = uciFolds(plan.split);
  // Configurations per architecture: how many records a part needs.
  const expected = plannedCounts(plan, (c) => [c.arch]);

  const results: UciResultRow[] = [];
  const incomplete: string[] = [];
  for (const { name } of plan.datasets) {
    const rows: UciResultRow[] = [];
    let complete = true;
    for (const arch of plan.archs) {
      const selected: SelectedModel[] = [];
      for (const fold of folds) {
        const part = foldPart(fold);
        const recs = byPart.get(`${name}/${part}/${arch}`) ?? [];
        if (recs.length < (expected.get(arch) ?? 0)) complete = false;
        const choice = selectFromRecords(part, recs, order);
        if (choice === null || choice.test === null) complete = false;
        else selected.push(choice);
      }
      if (selected.length === folds.length) {
        rows.push({
          dataset: name,
          arch,
          testAccuracy: mean(selected.map((s) => s.test!)),
          validationAccuracy: mean(selected.map((s) => s.validation)),
          selected: { folds: selected },
        });
      }
    }
    if (complete) results.push(...rows);
    else incomplete.push(name);
  }

  const sizes = new Map(plan.datasets.map((d) => [d.name, d.samples]));
  const ranked = plan.datasets.map((d) => d.name).filter((n) => !incomplete.includes(n));
  const group = (
    key: UciGroup,
    label: string,
    keep: (samples: number) => boolean,
  ): UciRankGroup | null =>
    rankGroup(
      key,
      label,
      ranked.filter((n) => keep(sizes.get(n)!)),
      plan.archs,
      results,
    );
  return {
    config: plan,
    results,
    ranks: {
      all: group('all', 'all', () => true),
      small: group('small', `< ${UCI_LARGE_DATASET}`, (s) => uciSizeGroup(s) === 'small'),
      large: group('large', `≥ ${UCI_LARGE_DATASET}`, (s) => uciSizeGroup(s) === 'large'),
    },
    incomplete,
  };
}

function rankGroup(
  group: UciGroup,
  label: string,
  datasets: string[],
  archs: readonly Architecture[],
  results: readonly UciResultRow[],
): UciRankGroup | null {
  if (datasets.length === 0 || archs.length === 0) return null;
  const accuracy = new Map(results.map((r) => [`${r.dataset}/${r.arch}`, r.testAccuracy]));
  const matrix = datasets.map((d) => archs.map((a) => accuracy.get(`${d}/${a}`)!));
  const perSet = datasetRanks(matrix);
  const ranks = meanRanks(perSet);
  const standardErrors = averageRankStandardErrors(perSet);
  const meanRank = (archs.length + 1) / 2;
  let bestIndex = 0;
  ranks.forEach((r, i) => {
    if (r < ranks[bestIndex]!) bestIndex = i;
  });
  const best = archs[bestIndex]!;
  const column = (j: number) => matrix.map((row) => row[j]!);
  const averageRank: Partial<Record<Architecture, number>> = {};
  const rankDifference: Partial<Record<Architecture, number>> = {};
  const rankStandardError: Partial<Record<Architecture, number | null>> = {};
  const wilcoxon: Partial<Record<Architecture, WilcoxonResult | null>> = {};
  const versusBest: Partial<Record<Architecture, SetsVersusBest | null>> = {};
  archs.forEach((arch, j) => {
    averageRank[arch] = ranks[j]!;
    rankDifference[arch] = ranks[j]! - meanRank;
    rankStandardError[arch] = standardErrors[j]!;
    wilcoxon[arch] = j === bestIndex ? null : wilcoxonSignedRank(column(j), column(bestIndex));
    versusBest[arch] = j === bestIndex ? null : countVersus(column(bestIndex), column(j));
  });
  return {
    group,
    label,
    datasets,
    averageRank,
    rankDifference,
    rankStandardError,
    best,
    wilcoxon,
    versusBest,
  };
}

function countVersus(best: readonly number[], other: readonly number[]): SetsVersusBest {
  const counts: SetsVersusBest = { bestBetter: 0, bestWorse: 0, tied: 0 };
  best.forEach((b, i) => {
    if (b > other[i]!) counts.bestBetter++;
    else if (b < other[i]!) counts.bestWorse++;
    else counts.tied++;
  });
  return counts;
}

/**
 * How often model selection picked each depth, per network: over every ranked set and split of
 * `results`, in the grid's order of depths (ResNet's depth counts blocks of two layers).
 *
 * @example
 * selectedDepths(result).snn; // [{ depth: 2, count: 21 }, { depth: 16, count: 19 }]
 */
export function selectedDepths(
  result: Pick<UciResult, 'config' | 'results'>,
): Partial<Record<Architecture, Array<{ depth: number; count: number }>>> {
  const out: Partial<Record<Architecture, Array<{ depth: number; count: number }>>> = {};
  for (const arch of result.config.archs) {
    const depths = [...(result.config.grid.archs[arch]?.depth ?? [])];
    const counts = new Map<number, number>(depths.map((d) => [d, 0]));
    for (const row of result.results) {
      if (row.arch !== arch) continue;
      for (const fold of row.selected.folds) {
        counts.set(fold.config.depth, (counts.get(fold.config.depth) ?? 0) + 1);
      }
    }
    out[arch] = [...counts].map(([depth, count]) => ({ depth, count }));
  }
  return out;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
