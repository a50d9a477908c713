import { WORKER_BACKEND_ENV } from './tabular/run/worker-backend-env';
import { tabularWorker } from './tabular/tabular-worker';

// The worker module of the grid runs, loaded alike by the processes of a local pool
// (`snn <benchmark> --workers N`) and by the sandboxed processes of `snn worker`: each trains on
// the backend named in SNN_WORKER_BACKEND.
export default tabularWorker(process.env[WORKER_BACKEND_ENV] ?? 'auto');
