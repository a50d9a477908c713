export { accuracy, argmaxRows } from './metrics/accuracy';
export { rocAuc } from './metrics/roc-auc';
export { type WilcoxonOptions, type WilcoxonResult, wilcoxonSignedRank } from './metrics/wilcoxon';
export {
  averageRankStandardErrors,
  averageRanks,
  datasetRanks,
  rankData,
} from './metrics/rank-data';
export { normalSf } from './metrics/normal-distribution';
export { meanStd } from './metrics/summary';
export { ARCHITECTURES, type Architecture } from './grid/architectures';
export {
  BENCHMARKS,
  type Benchmark,
  TABULAR_BENCHMARKS,
  tabularBenchmark,
} from './benchmarks';
export type {
  BenchmarkCommand,
  DataCache,
  TabularBenchmark,
  TabularPlan,
  TabularResult,
} from './tabular-benchmark';
export { runBenchmark } from './run-benchmark';
export {
  BUILTIN_GRIDS,
  type BlockShape,
  type BuiltinGridName,
  type GridAxes,
  type GridSpec,
  type NetworkShape,
  validateGrid,
} from './grid/grid-spec';
export type { BenchmarkGrids, BuiltinGrid } from './grid/benchmark-grids';
export { TABLE1_SMALL_CUT } from './uci/uci-grids';
export { builtinGrid, resolveGrid } from './builtin-grid';
export { type Configuration, configurationId, expandGrid } from './grid/expand-grid';
export { checkGridLimits } from './grid/grid-limits';
export { movingAverage } from './selection/moving-average';
export {
  type Candidate,
  type EpochChoice,
  type ModelChoice,
  SMOOTHING_WINDOW,
  TIE_TOLERANCE,
  compareTied,
  selectEpoch,
  selectModel,
} from './selection/select-model';
export type { ResultRecord, TabularHeader } from './store/result-record';
export { type RunUciOptions, runUci } from './uci/run-uci';
export { type UciData, type UciSettings, uciBenchmark } from './uci/uci-benchmark';
export { uciUnit } from './uci/uci-units';
export {
  UCI_DATASET_GROUPS,
  type UciDatasetGroup,
  loadUciDatasets,
  uciSamples,
} from './uci/select-uci-datasets';
export {
  type UciGroup,
  type UciPlan,
  type UciRankGroup,
  type UciResult,
  type UciResultRow,
  UCI_LARGE_DATASET,
  type UciSizeGroup,
  type SetsVersusBest,
  reportUci,
  selectedDepths,
  uciSizeGroup,
} from './uci/uci-report';
export {
  type UciSeedSpread,
  type UciSeedSpreadRow,
  uciSeedSpread,
} from './uci/uci-seed-spread';
export { type RunHtru2Options, runHtru2 } from './htru2/run-htru2';
export { type Htru2Data, htru2Benchmark } from './htru2/htru2-benchmark';
export { htru2Unit } from './htru2/htru2-units';
export {
  type Htru2Plan,
  type Htru2Result,
  type Htru2ResultRow,
  reportHtru2,
} from './htru2/htru2-report';
export { type RunTox21Options, runTox21 } from './tox21/run-tox21';
export { type Tox21Data, tox21Benchmark } from './tox21/tox21-benchmark';
export { tox21Unit } from './tox21/tox21-units';
export type { SelectedModel } from './report/select-records';
export { PAPER_RESULTS } from './report/paper-results';
export {
  type RepeatedAuc,
  type Tox21Plan,
  type Tox21Result,
  type Tox21ResultRow,
  reportTox21,
} from './tox21/tox21-report';
export {
  type MergeOptions,
  type MergeResult,
  type MergeResultOf,
  mergeStores,
} from './merge/merge-stores';
export type { RunInfo } from './run/run-info';
export type { ResolvedRunOptions, TabularRunOptions } from './run/run-options';
export type { LabelledRows, PreparedUnit } from './data/prepared-unit';
export type { UnitNames } from './data/unit-key';
