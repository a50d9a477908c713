/**
 * Environment variable through which `serveQueue({ worker })` tells its sandboxed processes
 * which worker module to load (a `file:` URL).
 */
export const WORKER_MODULE_ENV = 'SNN_SWEEP_WORKER_MODULE';
