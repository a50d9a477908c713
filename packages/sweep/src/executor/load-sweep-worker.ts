import { pathToFileURL } from 'node:url';
import { SnnError } from '../../../../internal/snn-error';
import type { SweepWorker } from './sweep-worker';

/**
 * Imports a worker module (a path or a `file:` URL) and returns its default export, checked to
 * be a {@link SweepWorker}; an error names the module and what it exports instead. Used by the
 * process entry of `localPool` and by the sandboxed processor of `serveQueue`, so both take the
 * same module.
 *
 * @example
 * const worker = await loadSweepWorker(new URL('./worker.mjs', import.meta.url));
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadSweepWorker(module: string | URL): Promise<SweepWorker> {
  const href =
    module instanceof URL
      ? module.href
      : /^file:/.test(module)
        ? module
        : pathToFileURL(module).href;
  let loaded: { default?: unknown };
  try {
    loaded = (await import(href)) as { default?: unknown };
  } catch (error) {
    throw new SnnError(
      `worker module ${href} cannot be loaded (${(error as Error).message}); pass the path or file URL of a module whose default export is { train(task, data) }`,
      { cause: error },
    );
  }
  // A CommonJS module imported from ESM nests its `exports.default` one level deeper.
  let worker = loaded.default as { default?: unknown; train?: unknown } | undefined;
  if (worker !== null && typeof worker === 'object' && typeof worker.train !== 'function') {
    worker = worker.default as typeof worker;
  }
  if (worker === null || typeof worker !== 'object' || typeof worker.train !== 'function') {
    const found =
      worker === undefined ? 'no default export' : `a default export of type ${typeof worker}`;
    throw new SnnError(
      `worker module ${href} must export default { train(task, data), … } (a SweepWorker), found ${found}`,
    );
  }
  return worker as SweepWorker;
}
