// The sandboxed processor `serveQueue({ worker })` hands BullMQ: every child process loads the
// worker module named in SNN_SWEEP_WORKER_MODULE (the same module a local pool loads) and
// serves it through `queueProcessor`, which checks every job before `train` sees it.
import { SnnError } from '../../../../internal/snn-error';
import { loadSweepWorker } from '../executor/load-sweep-worker';
import type { SweepTask } from '../executor/sweep-task';
import type { StoreRecord } from '../store/result-store';
import { type QueueHandler, queueProcessor } from './queue-processor';
import { WORKER_MODULE_ENV } from './worker-module-env';

const module = process.env[WORKER_MODULE_ENV];
if (module === undefined || module === '') {
  throw new SnnError(
    `queue sandbox: ${WORKER_MODULE_ENV} names no worker module; this file is started by serveQueue({ worker }), not by hand`,
  );
}
const worker = await loadSweepWorker(module);

export default queueProcessor(worker as QueueHandler<SweepTask, unknown, StoreRecord>);
