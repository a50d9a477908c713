import { type BackendName, selectBackend } from '@snn/runtime';

let ready: Promise<string> | null = null;

/**
 * Sets up the tfjs backend of this process once (`auto`, `snn-wasm`, `wasm`, `cpu`, … as
 * `@snn/runtime`'s `selectBackend` accepts) and returns the name of the backend in use. Every
 * worker process of a grid calls it for itself, with `threads` = cores ÷ workers so that the
 * workers' wasm threads do not oversubscribe the cores.
 *
 * @param requested - backend name (default `auto`).
 * @param threads - XNNPACK threads for `snn-wasm` (default: every core).
 * @see https://arxiv.org/abs/1706.02515
 */
export function ensureBackend(requested: string, threads?: number): Promise<string> {
  ready ??= selectBackend(requested as BackendName, threads === undefined ? {} : { threads }).then(
    (choice) => choice.name,
  );
  return ready;
}
