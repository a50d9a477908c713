import { UsageError } from '../common/usage-error';
import { htru2Benchmark } from './htru2/htru2-benchmark';
import type { TabularBenchmark } from './tabular-benchmark';
import { tox21Benchmark } from './tox21/tox21-benchmark';
import { uciBenchmark } from './uci/uci-benchmark';

/**
 * The tabular benchmarks, one line each, in the order `snn --help` lists their commands. This list
 * drives the commands (`snn <name>`), `snn merge`, the queue worker and the built-in grids; a new
 * benchmark is its folder and one line here.
 */
export const TABULAR_BENCHMARKS = [
  uciBenchmark,
  htru2Benchmark,
  tox21Benchmark,
] as const satisfies readonly TabularBenchmark[];

/** The names of the tabular benchmarks (`uci`, `htru2`, `tox21`). */
export const BENCHMARKS = TABULAR_BENCHMARKS.map((b) => b.name);

/** One of {@link BENCHMARKS}. */
export type Benchmark = (typeof TABULAR_BENCHMARKS)[number]['name'];

/**
 * The benchmark named `name`.
 *
 * @throws UsageError naming the benchmarks there are.
 * @example
 * tabularBenchmark('htru2').plotName; // 'htru2'
 */
export function tabularBenchmark(name: string): (typeof TABULAR_BENCHMARKS)[number] {
  const found = TABULAR_BENCHMARKS.find((b) => b.name === name);
  if (found === undefined) throw UsageError.choice('benchmark', name, BENCHMARKS);
  return found;
}

/** The benchmark named `name`, or undefined. */
export function findTabularBenchmark(
  name: string,
): (typeof TABULAR_BENCHMARKS)[number] | undefined {
  return TABULAR_BENCHMARKS.find((b) => b.name === name);
}
