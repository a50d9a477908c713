import { queueProcessor } from '@snn/sweep';
import { tabularQueueHandler } from './tabular/run/tabular-queue';

// The sandboxed processor `snn worker` hands to BullMQ: each child process trains one task at a
// time on the backend the worker was started with.
const threads = process.env.SNN_WORKER_THREADS;
export default queueProcessor(
  tabularQueueHandler(
    process.env.SNN_WORKER_BACKEND ?? 'auto',
    threads === undefined ? undefined : Number(threads),
  ),
);
