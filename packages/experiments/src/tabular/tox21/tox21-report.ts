import { repeatPart } from '../data/unit-key';
import type { Architecture } from '../grid/architectures';
import type { GridSpec } from '../grid/grid-spec';
import { meanStd } from '../metrics/summary';
import { type SelectedModel, selectFromRecords } from '../report/select-records';
import { gridOrder, plannedCounts } from '../run/grid-task';
import type { ResultRecord } from '../store/result-record';

/** Everything a Tox21 run's results depend on; the result store's fingerprint. */
export interface Tox21Plan {
  dataset: { train: number; test: number; features: number; tasks: string[] };
  archs: Architecture[];
  repeats: number;
  grid: GridSpec;
  seed: number;
  validationFraction: number;
  smoothingWindow: number;
  optimizer: 'sgd';
}

/** Mean ± sample std of the test ROC-AUC (mean over the 12 tasks) over the repeats. */
export interface RepeatedAuc {
  mean: number;
  std: number;
  repeats: number[];
}

/** One architecture × depth of `tox21.json`. */
export interface Tox21ResultRow {
  arch: Architecture;
  depth: number;
  auc: RepeatedAuc;
  /** The model selected in each repeat among this depth's configurations. */
  selected: SelectedModel[];
}

/** `tox21.json`. */
export interface Tox21Result {
  config: Tox21Plan & { backend?: string };
  /** By architecture and depth: selection over the other hyperparameters at that depth. */
  results: Tox21ResultRow[];
  /** By architecture: selection over the whole grid (depth included). */
  best: Array<{ arch: Architecture; auc: RepeatedAuc; selected: SelectedModel[] }>;
  /** `arch` or `arch/depth` entries without a complete set of results. */
  incomplete: string[];
}

/**
 * Builds `tox21.json` from the stored records: in every repeat, model selection on the validation
 * compounds by mean ROC-AUC over the tasks (missing labels masked), once per depth and once over
 * the whole grid; the test ROC-AUC (mean over the 12 tasks) of each winner; mean ± std over the
 * repeats.
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 2 and the Tox21 depth table)
 */
export function reportTox21(plan: Tox21Plan, records: readonly ResultRecord[]): Tox21Result {
  const order = gridOrder(plan.grid, plan.archs);
  // Configurations per architecture and per architecture × depth: how many records a repeat needs.
  const counts = plannedCounts(plan, (c) => [c.arch, `${c.arch}/${c.depth}`]);
  const results: Tox21ResultRow[] = [];
  const best: Tox21Result['best'] = [];
  const incomplete: string[] = [];
  const repeatSelect = (
    label: string,
    keep: (r: ResultRecord) => boolean,
  ): { auc: RepeatedAuc; selected: SelectedModel[] } | null => {
    const selected: SelectedModel[] = [];
    for (let repeat = 1; repeat <= plan.repeats; repeat++) {
      const part = repeatPart(repeat);
      const recs = records.filter((r) => r.part === part && keep(r));
      if (recs.length < (counts.get(label) ?? 0)) return null;
      const choice = selectFromRecords(part, recs, order);
      if (choice === null || choice.test === null) return null;
      selected.push(choice);
    }
    const repeats = selected.map((s) => s.test!);
    return { auc: { ...meanStd(repeats), repeats }, selected };
  };
  for (const arch of plan.archs) {
    const depths = [...new Set(plan.grid.archs[arch]?.depth ?? [])].sort((a, b) => a - b);
    for (const depth of depths) {
      const row = repeatSelect(
        `${arch}/${depth}`,
        (r) => r.config.arch === arch && r.config.depth === depth,
      );
      if (row) results.push({ arch, depth, ...row });
      else incomplete.push(`${arch}/${depth}`);
    }
    const overall = repeatSelect(arch, (r) => r.config.arch === arch);
    if (overall) best.push({ arch, ...overall });
    else incomplete.push(arch);
  }
  return { config: plan, results, best, incomplete };
}
