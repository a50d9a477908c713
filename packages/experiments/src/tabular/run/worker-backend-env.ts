/** The environment variable that names the tfjs backend of the grid's worker processes. */
export const WORKER_BACKEND_ENV = 'SNN_WORKER_BACKEND';
