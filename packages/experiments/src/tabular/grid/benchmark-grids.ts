import type { GridSpec } from './grid-axes';
import type { BuiltinGridName } from './grid-spec';

/** A built-in grid of a benchmark: what it is, in a few words, and how to make it. */
export interface BuiltinGrid {
  /** What the grid is (`the paper's grid`, `cut from the UCI grid`), for messages that name it. */
  about: string;
  /** A fresh copy of the grid. */
  grid(): GridSpec;
}

/**
 * The built-in grids a benchmark offers by name: `paper` and `quick` for every benchmark, others
 * (`table1-small`) where the benchmark defines them.
 *
 * @example
 * const grids: BenchmarkGrids = { paper: { about: "the paper's grid", grid: paperGrid }, quick: … };
 */
export type BenchmarkGrids = { readonly [N in BuiltinGridName]?: BuiltinGrid } & {
  readonly paper: BuiltinGrid;
  readonly quick: BuiltinGrid;
};
