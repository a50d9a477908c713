import type { TabularHeader } from '../store/result-record';
import type { TabularBenchmark } from '../tabular-benchmark';
import { type GridTask, gridTasks } from './grid-task';
import { planSearch } from './tabular-search';

/**
 * Every task a run's header asks for, rebuilt from the header alone (its fingerprint is the
 * benchmark's plan): what `snn merge` expects in the stores and what a queue worker accepts. Units
 * and keys are those of the run; `cost` is not (the header holds no data sizes).
 *
 * @example
 * planTasks(uciBenchmark, readStore('results/uci/store.jsonl').header as TabularHeader).length;
 * @see https://arxiv.org/abs/1706.02515
 */
export function planTasks(benchmark: TabularBenchmark, header: TabularHeader): GridTask[] {
  const plan = header.fingerprint as Parameters<TabularBenchmark['units']>[0];
  const parts = benchmark.units(plan).map((names) => ({ ...names, trainRows: 1, inputs: 1 }));
  return gridTasks(parts, plan.archs, plan.grid, plan.seed, planSearch(plan).search);
}
