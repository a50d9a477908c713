import { foldUnit } from '../data/fold-unit';
import { HTRU2_FOLDS } from '../data/htru2-units';
import type { Htru2Plan } from '../htru2/htru2-report';
import type { TabularHeader } from '../store/result-record';
import type { Tox21Plan } from '../tox21/tox21-report';
import { type UciPlan, uciFolds } from '../uci/uci-report';
import { type DataPart, type GridTask, gridTasks } from './grid-task';

/**
 * Every task a run's header asks for, rebuilt from the header alone (its fingerprint is the
 * run's plan): what `snn merge` expects in the stores and what a queue worker accepts. Units and
 * keys are those of the run; `cost` is not (the header holds no data sizes).
 *
 * @example
 * planTasks(readStore('results/uci/store.jsonl').header as TabularHeader).length;
 * @see https://arxiv.org/abs/1706.02515
 */
export function planTasks(header: TabularHeader): GridTask[] {
  const part = (names: Pick<DataPart, 'unit' | 'dataset' | 'part'>): DataPart => ({
    ...names,
    trainRows: 1,
    inputs: 1,
  });
  if (header.benchmark === 'uci') {
    const plan = header.fingerprint as UciPlan;
    const parts = plan.datasets.flatMap((d) =>
      uciFolds(plan.split).map((f) => part(foldUnit(d.name, f))),
    );
    return gridTasks(parts, plan.archs, plan.grid, plan.seed);
  }
  if (header.benchmark === 'htru2') {
    const plan = header.fingerprint as Htru2Plan;
    const parts = Array.from({ length: HTRU2_FOLDS }, (_, i) => part(foldUnit('htru2', i + 1)));
    return gridTasks(parts, plan.archs, plan.grid, plan.seed);
  }
  const plan = header.fingerprint as Tox21Plan;
  const parts = Array.from({ length: plan.repeats }, (_, i) =>
    part({ unit: 'tox21', dataset: 'tox21', part: `repeat${i + 1}` }),
  );
  return gridTasks(parts, plan.archs, plan.grid, plan.seed);
}
