/**
 * Environment variable through which `serveQueue({ worker })` tells its sandboxed processes
 * which worker module to load (a `file:` URL).
 */
export const WORKER_MODULE_ENV = 'SNN_SWEEP_WORKER_MODULE';

/**
 * Environment variable through which `serveQueue` gives its sandboxed processes the queue's URL,
 * so that the trials of a pruned run decide their rungs in Redis (never on a command line).
 */
export const WORKER_QUEUE_URL_ENV = 'SNN_SWEEP_WORKER_QUEUE_URL';
