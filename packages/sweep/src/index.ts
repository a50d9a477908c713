export { SnnError } from '../../../internal/snn-error';
export {
  LIMITS,
  type Limit,
  LimitError,
  type LimitName,
  checkLimit,
  limitOf,
} from '../../../internal/limits';
export { mulberry32, shuffleInPlace, type MutableList } from '../../../internal/rng';
export { type Axes, type AxesPoint, expandAxes, pointId } from './grid/expand-axes';
export { taskSeed } from './grid/task-seed';
export { type Shard, parseShard, shardKeys } from './grid/shard';
export {
  ResultStore,
  type StoreContent,
  type StoreHeader,
  type StoreRecord,
  firstDifference,
  readStore,
  storeWriteError,
} from './store/result-store';
export {
  COMPRESSED_SUFFIX,
  STORE_FILE,
  readStoreBytes,
  restoreCompressedStore,
  storeFileIn,
} from './store/store-file';
export { LOCK_FILE, type LockOwner, type OutDirLock, lockOutDir } from './store/out-dir-lock';
export type { SweepTask } from './executor/sweep-task';
export type { Executor, ExecutorRun } from './executor/executor';
export type { SweepWorker } from './executor/sweep-worker';
export {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelay,
  retryPolicy,
} from './executor/retry-policy';
export { recordKeyError } from './executor/check-record';
export { inProcess } from './executor/in-process';
export { loadSweepWorker } from './executor/load-sweep-worker';
export { type LocalPoolOptions, type WorkerCommand, localPool } from './pool/local-pool';
export { PoolStartError } from './pool/pool-start-error';
export { serveWorker } from './pool/serve-worker';
export { RunClock, type RunSession, type RunTiming, SESSIONS_FILE } from './run/run-clock';
export {
  type RunMachine,
  type RunProvenance,
  gitCommit,
  redactUrls,
  runMachine,
  runProvenance,
} from './run/run-provenance';
export {
  type RunSweepOptions,
  type SweepStart,
  type SweepSummary,
  runSweep,
} from './run/run-sweep';
export { type MergedStore, mergeStoreFiles } from './merge/merge-store-files';
export { type SweepOptions, type SweepResult, sweep } from './sweep/sweep';
export {
  TRIAL_RECORD_FIELDS,
  type Trial,
  type TrialContext,
  type TrialRecord,
  type TrialTrain,
  runTrial,
  trials,
} from './sweep/trial';
export { type TrialWorkerOptions, trialWorker } from './sweep/trial-worker';
export type { FailedRecord } from './store/result-store';
export {
  type Dimension,
  type RangeDimension,
  type SearchSpace,
  type SpacePoint,
  checkSpace,
  isRange,
} from './search/search-space';
export { type RangeOptions, intLogRange, intRange, logRange, range } from './search/range';
export { sampleDimension } from './search/sample-dimension';
export { randomPoint } from './search/random-point';
export {
  type GridSearch,
  type RandomSearch,
  type SearchStrategy,
  checkSearch,
  grid,
  random,
} from './search/search-strategy';
export { type SearchPoint, searchPointId, searchPoints } from './search/search-points';
export { type AshaOptions, type AshaPruner, asha, checkPruner } from './prune/asha';
export { rungEpoch, rungEpochs } from './prune/rung-epoch';
export { promotes } from './prune/promotes';
export { NEVER_PRUNE, type PruneDecision, type ReportEpoch } from './prune/report-epoch';
export { RUNGS_FILE, RungLog, type RungRecord } from './prune/rung-log';
