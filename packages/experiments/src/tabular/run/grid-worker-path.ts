import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The grid's worker module next to the `snn` binary (both built into `dist/`): what the CLI gives
 * a local pool (`--workers N`) and `snn worker` to load.
 *
 * @example
 * localPool({ workers: 4, worker: gridWorkerPath() });
 */
export function gridWorkerPath(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'grid-worker.js');
}
