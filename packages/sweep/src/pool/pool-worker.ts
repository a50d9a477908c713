// The process a `localPool({ worker })` starts: `node pool-worker.js <worker module URL>`. It
// loads the module's default export (a SweepWorker) and serves the pool with it.
import { loadSweepWorker } from '../executor/load-sweep-worker';
import { serveWorker } from './serve-worker';

const module = process.argv[2];
if (module === undefined) {
  process.stderr.write('pool-worker: pass the worker module to load (started by localPool)\n');
  process.exit(2);
}
loadSweepWorker(module)
  .then((worker) => serveWorker(worker))
  .catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
