import { serveWorker } from '@snn/sweep';
import type { PreparedUnit } from '../data/prepared-unit';
import type { ResultRecord } from '../store/result-record';
import { ensureBackend } from '../train/backend';
import { trainConfiguration } from '../train/train-configuration';
import type { GridTask } from './grid-task';

/**
 * The body of a grid worker process (`snn tabular-worker --backend <name>`, started by the pool):
 * sets up its own tfjs backend, then trains the configurations it is sent until the parent
 * disconnects.
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export async function serveTabularWorker(backend: string): Promise<void> {
  const name = await ensureBackend(backend);
  await serveWorker<GridTask, PreparedUnit, ResultRecord>((task, data) =>
    trainConfiguration(task, data, name),
  );
}
