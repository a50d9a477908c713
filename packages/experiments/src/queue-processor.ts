import { queueProcessor } from '@snn/sweep/redis';
import { tabularQueueHandler } from './tabular/run/tabular-queue';

// The sandboxed processor `snn worker` hands to BullMQ: each child process trains one task at a
// time on the backend the worker was started with.
export default queueProcessor(tabularQueueHandler(process.env.SNN_WORKER_BACKEND ?? 'auto'));
