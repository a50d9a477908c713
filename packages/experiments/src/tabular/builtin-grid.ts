import { SnnError } from '../../../../internal/snn-error';
import { TABULAR_BENCHMARKS, tabularBenchmark } from './benchmarks';
import type { GridSpec } from './grid/grid-axes';
import type { BuiltinGridName } from './grid/grid-spec';
import { resolveGridWith } from './grid/resolve-grid';

/**
 * The built-in grid `name` of a benchmark (its `grids`): `paper`, `quick`, or (UCI only)
 * `table1-small`.
 *
 * @throws SnnError when the benchmark has no grid of that name, naming those that have it.
 * @example
 * builtinGrid('uci', 'paper').archs.snn.depth; // [2, 3, 4, 8, 16, 32]
 * builtinGrid('uci', 'table1-small').archs.snn.depth; // [2, 16]
 * @see https://arxiv.org/abs/1706.02515 (appendix: the hyperparameter grids)
 */
export function builtinGrid(benchmark: string, name: BuiltinGridName): GridSpec {
  const { grids } = tabularBenchmark(benchmark);
  const entry = grids[name];
  if (entry !== undefined) return entry.grid();
  const owners = TABULAR_BENCHMARKS.filter((b) => b.grids[name] !== undefined);
  const about = owners[0]?.grids[name]?.about;
  throw new SnnError(
    `grid ${name}${about === undefined ? '' : ` is ${about} and`} exists for snn ${owners.map((b) => b.name).join(', ')} only, not ${benchmark}; use ${Object.keys(grids).join(', ')} or a grid JSON file`,
  );
}

/**
 * The grid of a run from `--grid`: `paper` (the default), `quick` (also chosen by `--quick`),
 * `table1-small` (UCI), a path to a grid JSON file, or a {@link GridSpec} object (library use).
 *
 * @example
 * resolveGrid('uci', 'quick').epochs; // 50
 * @see https://arxiv.org/abs/1706.02515
 */
export function resolveGrid(
  benchmark: string,
  grid: string | GridSpec | undefined,
  quick = false,
): GridSpec {
  return resolveGridWith((name) => builtinGrid(benchmark, name), grid, quick);
}
