// `@snn/sweep/redis`: the Redis (BullMQ) executor, its workers and its admin commands. bullmq and
// ioredis are optional peer dependencies, loaded when a queue is first used.
export { type RedisQueueOptions, redisQueue } from './redis-queue';
export { type ServeQueueOptions, serveQueue } from './serve-queue';
export {
  type ProcessorJob,
  type QueueHandler,
  type QueueProcessorOptions,
  queueProcessor,
} from './queue-processor';
export {
  type QueueAdminOptions,
  type QueueStatus,
  type RunStatus,
  cleanQueue,
  queueStatus,
} from './queue-admin';
export { parseQueueUrl, connectQueue } from './queue-url';
export { QUEUE_URL_ENV, type QueueUrlSource, readQueueUrl } from './queue-url-source';
export { type QueueErrorLog, queueErrorLog } from './queue-error-log';
export {
  QUEUE_CONNECT_TIMEOUT_MS,
  isAuthError,
  queueConnectError,
  waitForQueue,
} from './wait-for-queue';
export { WORKER_DATA_ENV, checkDataSource, dataLocationsFromEnv } from './data-locations';
export { WORKER_MODULE_ENV } from './worker-module-env';
export {
  QUEUE_NAME,
  QUEUE_PREFIX,
  type RunEntry,
  type WorkerEntry,
  queueJobId,
  queueRunId,
} from './queue-keys';
export { QUEUE_JOB_FORMAT, type QueueJob, readQueueJob } from './queue-job';
export { dataFingerprint } from './data-fingerprint';
export { type PeerRequire, REDIS_PEERS, loadPeer } from './redis-peers';
export {
  RUNG_KEY_PREFIX,
  type RedisRungTrial,
  deleteRedisRungs,
  redisRungReport,
} from '../prune/redis-rungs';
export { WORKER_QUEUE_URL_ENV } from './worker-module-env';
