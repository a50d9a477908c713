import type { Option } from 'commander';
import type { VegaLiteSpec } from '../common/plot';
import type { PreparedUnit } from './data/prepared-unit';
import type { UnitNames } from './data/unit-key';
import type { Architecture } from './grid/architectures';
import type { BenchmarkGrids } from './grid/benchmark-grids';
import type { GridSpec } from './grid/grid-axes';
import type { RunInfo } from './run/run-info';
import type { ResolvedRunOptions, TabularRunOptions } from './run/run-options';
import type { ResultRecord, TabularHeader } from './store/result-record';

/** What every benchmark's plan (the fingerprint of its store header) holds among its fields. */
export interface TabularPlan {
  archs: Architecture[];
  grid: GridSpec;
  seed: number;
}

/** What every benchmark's report holds: the plan it was made from, with the backends trained on. */
export interface TabularResult {
  config: TabularPlan & { backend?: string };
}

/**
 * Loads a value once per key in a queue worker (a data set every task of a run shares): the first
 * call for `key` runs `load`, later ones get its promise. Keys are the benchmark's own.
 */
export type DataCache = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/**
 * The command line of a tabular benchmark: `snn <name>` with the benchmark's own flags, followed
 * by the flags every grid run shares (`--archs`, `--grid`, `--workers`, `--shard`, the queue's,
 * `--attempts`, `--backend`, `--out`, `--seed`, `--quick`, `--json`).
 */
export interface BenchmarkCommand<O, R> {
  /** The line of `snn --help`. */
  summary: string;
  /** The text of `snn <name> --help`. */
  description: string;
  /** The benchmark's own flags, in the order `--help` lists them (new objects on every call). */
  flags(): Option[];
  /** The benchmark's own options from its flags (commander's values); throws `UsageError`. */
  options(raw: Record<string, unknown>): Omit<O, keyof TabularRunOptions>;
  /** What the command prints when the run ends: the `--json` summary, else readable lines. */
  printout(result: R & { run: RunInfo }): { json: unknown; lines: string[] };
}

/**
 * One tabular benchmark of the paper (UCI, HTRU2, Tox21) as one object: its command and flags,
 * its grids, how it loads its data, the plan a run's store is fingerprinted with, the units of data
 * its tasks train on and their names, the data of one unit (in the coordinator and in a queue
 * worker), and its report, Markdown and plot. Everything else — planning the tasks, training,
 * the store, resuming, shards, the local pool, the queue, `snn merge` — is shared and reaches a
 * benchmark only through this interface, by the registry `TABULAR_BENCHMARKS`.
 *
 * Type parameters: `N` the name, `O` the library options, `S` the options resolved once the grid is
 * known, `D` the loaded data, `P` the plan, `R` the report.
 *
 * @example
 * const result = await runBenchmark(uciBenchmark, { datasets: ['iris'], grid: 'quick' });
 * @see https://arxiv.org/abs/1706.02515
 */
export interface TabularBenchmark<
  N extends string = string,
  O extends TabularRunOptions = any,
  S = any,
  D = any,
  P extends TabularPlan = any,
  R extends TabularResult = any,
> {
  /**
   * `uci`: the command, the store header's `benchmark`, the progress label, the default output
   * folder `results/<name>-<timestamp>` and the report's files `<name>.json` and `<name>.md`.
   */
  readonly name: N;
  /** The plot's file name without extension (`uci-ranks` → `uci-ranks.svg`/`.png`). */
  readonly plotName: string;
  /** The built-in grids `--grid` names. */
  readonly grids: BenchmarkGrids;
  readonly command: BenchmarkCommand<O, R>;

  /** The benchmark's options checked, with defaults applied, once the grid is known. */
  settings(options: O, grid: GridSpec): S;
  /** The data location the run was given (`undefined` or `remote` for the download cache). */
  source(settings: S): string | undefined;
  /** Loads the data of a run in the coordinator (or a library call). */
  load(settings: S, run: ResolvedRunOptions): Promise<D>;
  /** Everything the results depend on: the store header's fingerprint (never change its fields). */
  plan(data: D, settings: S, run: ResolvedRunOptions, grid: GridSpec): P;
  /** Facts about the run that do not change its results (the store header's `info`). */
  info?(data: D): Record<string, unknown>;
  /** The run's line on stderr before the count of configurations: data, architectures, grid. */
  describe(plan: P): string;
  /** Further lines on stderr when a run starts (datasets skipped). */
  notes?(data: D): string[];

  /** The units of data a run's tasks train on, from its plan alone (see `data/unit-key.ts`). */
  units(plan: P): UnitNames[];
  /**
   * Checks the fields of an untrusted plan (a queued job's header) that {@link units} reads and
   * returns how many units it plans, before any is made; calls `fail` for a bad field.
   */
  countUnits(plan: Record<string, unknown>, fail: (what: string, got: unknown) => never): number;
  /** Rows trained on and inputs of a unit, for the scheduler's cost estimate. */
  unitSize(data: D, unit: UnitNames): { trainRows: number; inputs: number };
  /** The prepared data of `unit` from the loaded data (coordinator, in-process training). */
  unitData(data: D, unit: string, plan: P): PreparedUnit;
  /**
   * The prepared data of `unit` in a queue worker: loaded from `source` (the coordinator's path,
   * or null for the download cache) with the same loaders, each data set once through `cache`.
   */
  loadUnit(plan: P, unit: string, source: string | null, cache: DataCache): Promise<PreparedUnit>;

  /** The report of a run's records (`<name>.json`); `header` is the store's. */
  report(header: TabularHeader, records: readonly ResultRecord[]): R;
  /** `<name>.md`. */
  markdown(result: R): string;
  /** The plot. */
  plot(result: R): VegaLiteSpec;
}
