export { SnnError } from '../../../internal/snn-error';
export { mulberry32, shuffleInPlace, type MutableList } from '../../../internal/rng';
export { type Axes, type AxesPoint, expandAxes, pointId } from './grid/expand-axes';
export { taskSeed } from './grid/task-seed';
export { type Shard, parseShard, shardKeys } from './grid/shard';
export {
  ResultStore,
  type StoreContent,
  type StoreHeader,
  type StoreRecord,
  readStore,
  storeWriteError,
} from './store/result-store';
export { LOCK_FILE, type LockOwner, type OutDirLock, lockOutDir } from './store/out-dir-lock';
export {
  type PoolOptions,
  type PoolTask,
  type TaskExecutor,
  type WorkerCommand,
  runPool,
  serveWorker,
} from './pool/worker-pool';
export { RunClock, type RunSession, type RunTiming, SESSIONS_FILE } from './run/run-clock';
export { type RunProvenance, redactUrls, runProvenance } from './run/run-provenance';
export {
  type RunSweepOptions,
  STORE_FILE,
  type SweepStart,
  type SweepSummary,
  type SweepTask,
  runSweep,
} from './run/run-sweep';
export { type MergedStore, mergeStoreFiles } from './merge/merge-store-files';
