import * as tf from '@tensorflow/tfjs-core';

/**
 * Registers a backend `name` that is an instance of tfjs's wasm backend made by `create`, with
 * `kernels` (already carrying `backendName: name`). The first instance is created eagerly, so a
 * failure surfaces here rather than at `tf.setBackend`; the factory hands it out once and creates
 * fresh ones after `tf.removeBackend`. Priority 0: tfjs never picks it on its own. Idempotent:
 * another copy of this package (ESM next to CJS) may have registered it already.
 */
export async function registerWasmBackend(
  name: string,
  create: () => Promise<tf.KernelBackend>,
  kernels: () => readonly tf.KernelConfig[],
): Promise<string> {
  if (tf.findBackendFactory(name) != null) return name;
  let first: Promise<tf.KernelBackend> | null = Promise.resolve(create());
  await first;
  for (const config of kernels()) {
    if (tf.getKernel(config.kernelName, name) == null) tf.registerKernel(config);
  }
  tf.registerBackend(
    name,
    () => {
      const backend = first ?? create();
      first = null;
      return backend;
    },
    0,
  );
  return name;
}
