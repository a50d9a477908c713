import { selectBackend } from '@snn/runtime';
import * as tf from '@tensorflow/tfjs-core';

let ready: Promise<string> | null = null;

/**
 * Sets up the tfjs backend of this process once (`auto`, `wasm`, `cpu`, … as `@snn/runtime`'s
 * `selectBackend` accepts) and returns the name of the backend in use. Every worker process of a
 * grid calls it for itself.
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function ensureBackend(requested: string): Promise<string> {
  ready ??= Promise.resolve(selectBackend(requested as never)).then(() => tf.getBackend());
  return ready;
}
