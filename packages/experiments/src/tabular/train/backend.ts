import { type BackendName, selectBackend } from '@snn/runtime';

/**
 * Threads of every process that trains grid configurations, under every executor (in process,
 * local pool, Redis queue): one. A configuration's record must not depend on how a run was split,
 * and the thread count changes the order of floating-point sums in the BLAS and wasm kernels; one
 * thread also costs less per configuration on these small products than two (parallelism comes
 * from the workers, one per core).
 */
export const GRID_TRAINING_THREADS = 1;

let ready: Promise<string> | null = null;

/**
 * Sets up the tfjs backend of this process once (`auto`, `snn-wasm`, `wasm`, `cpu`, … as
 * `@snn/runtime`'s `selectBackend` accepts) with {@link GRID_TRAINING_THREADS} threads and returns
 * the name of the backend in use. Every process that trains grid configurations calls it for itself.
 *
 * @param requested - backend name (default `auto`).
 * @example
 * await ensureBackend('auto'); // 'snn-native' where the addon loads
 * @see https://arxiv.org/abs/1706.02515
 */
export function ensureBackend(requested: string): Promise<string> {
  ready ??= selectBackend(requested as BackendName, { threads: GRID_TRAINING_THREADS }).then(
    (choice) => choice.name,
  );
  return ready;
}
