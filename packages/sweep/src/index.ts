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
export {
  type PoolOptions,
  type PoolTask,
  type TaskExecutor,
  type WorkerCommand,
  runPool,
  serveWorker,
} from './pool/worker-pool';
export { RunClock, type RunSession, type RunTiming, SESSIONS_FILE } from './run/run-clock';
export { type RunProvenance, gitCommit, redactUrls, runProvenance } from './run/run-provenance';
export {
  type RunSweepOptions,
  type SweepStart,
  type SweepSummary,
  type SweepTask,
  runSweep,
} from './run/run-sweep';
export { type MergedStore, mergeStoreFiles } from './merge/merge-store-files';
export type { FailedRecord } from './store/result-store';
export { dataFingerprint } from './queue/data-fingerprint';
export { parseQueueUrl, connectQueue } from './queue/queue-url';
export { QUEUE_URL_ENV, type QueueUrlSource, readQueueUrl } from './queue/queue-url-source';
export { type QueueErrorLog, queueErrorLog } from './queue/queue-error-log';
export {
  QUEUE_CONNECT_TIMEOUT_MS,
  isAuthError,
  queueConnectError,
  waitForQueue,
} from './queue/wait-for-queue';
export { WORKER_DATA_ENV, checkDataSource, dataLocationsFromEnv } from './queue/data-locations';
export {
  QUEUE_NAME,
  QUEUE_PREFIX,
  type RunEntry,
  type WorkerEntry,
  queueJobId,
  queueRunId,
} from './queue/queue-keys';
export { QUEUE_JOB_FORMAT, type QueueJob, readQueueJob } from './queue/queue-job';
export {
  type ProcessorJob,
  type QueueHandler,
  type QueueProcessorOptions,
  queueProcessor,
} from './queue/queue-processor';
export { type ServeQueueOptions, serveQueue } from './queue/serve-queue';
export { type QueueRunHooks, type QueueRunOptions, runQueue } from './queue/run-queue';
export {
  type QueueAdminOptions,
  type QueueStatus,
  type RunStatus,
  cleanQueue,
  queueStatus,
} from './queue/queue-admin';
