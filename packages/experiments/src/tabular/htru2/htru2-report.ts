import { foldPart } from '../data/unit-key';
import type { Architecture } from '../grid/architectures';
import type { GridSpec } from '../grid/grid-spec';
import { meanStd } from '../metrics/summary';
import { type WilcoxonResult, wilcoxonSignedRank } from '../metrics/wilcoxon';
import { type SelectedModel, selectFromRecords } from '../report/select-records';
import { gridOrder, plannedCounts } from '../run/grid-task';
import type { ResultRecord } from '../store/result-record';

/** Everything an HTRU2 run's results depend on; the result store's fingerprint. */
export interface Htru2Plan {
  dataset: { samples: number; features: number; positives: number };
  archs: Architecture[];
  folds: number;
  grid: GridSpec;
  seed: number;
  smoothingWindow: number;
  optimizer: 'sgd';
}

/** One architecture of `htru2.json`. */
export interface Htru2ResultRow {
  arch: Architecture;
  /** Test ROC-AUC of the selected model per fold (1…10), with mean and sample std. */
  auc: { mean: number; std: number; folds: number[] };
  selected: SelectedModel[];
}

/** `htru2.json`. */
export interface Htru2Result {
  config: Htru2Plan & { backend?: string };
  results: Htru2ResultRow[];
  /** Paired Wilcoxon signed-rank tests across the folds against the architecture with the best mean AUC. */
  wilcoxon: {
    best: Architecture;
    tests: Partial<Record<Architecture, WilcoxonResult | null>>;
  } | null;
  /** Architectures left out because some configuration of some fold has no result. */
  incomplete: Architecture[];
}

/**
 * Builds `htru2.json` from the stored records: for each architecture and test fold M, model
 * selection on validation fold M − 1 (ROC-AUC smoothed over epochs, the paper's tie rules), the
 * test ROC-AUC of the winner; mean ± sample std over the folds; paired Wilcoxon tests against the
 * best architecture across folds.
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 3)
 */
export function reportHtru2(plan: Htru2Plan, records: readonly ResultRecord[]): Htru2Result {
  const order = gridOrder(plan.grid, plan.archs);
  // Configurations per architecture: how many records a part needs.
  const expected = plannedCounts(plan, (c) => [c.arch]);
  const results: Htru2ResultRow[] = [];
  const incomplete: Architecture[] = [];
  for (const arch of plan.archs) {
    const selected: SelectedModel[] = [];
    let complete = true;
    for (let fold = 1; fold <= plan.folds; fold++) {
      const part = foldPart(fold);
      const recs = records.filter((r) => r.part === part && r.config.arch === arch);
      if (recs.length < (expected.get(arch) ?? 0)) complete = false;
      const choice = selectFromRecords(part, recs, order);
      if (choice === null || choice.test === null) complete = false;
      else selected.push(choice);
    }
    if (!complete) {
      incomplete.push(arch);
      continue;
    }
    const folds = selected.map((s) => s.test!);
    results.push({ arch, auc: { ...meanStd(folds), folds }, selected });
  }
  let wilcoxon: Htru2Result['wilcoxon'] = null;
  if (results.length > 0) {
    const best = results.reduce((a, b) => (b.auc.mean > a.auc.mean ? b : a));
    const tests: Partial<Record<Architecture, WilcoxonResult | null>> = {};
    for (const r of results) {
      tests[r.arch] = r === best ? null : wilcoxonSignedRank(r.auc.folds, best.auc.folds);
    }
    wilcoxon = { best: best.arch, tests };
  }
  return { config: plan, results, wilcoxon, incomplete };
}
