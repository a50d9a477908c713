import { firstLine } from '../../../../internal/first-line';

/** Loads a module by name; default `(specifier) => import(specifier)`. */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** An optional package, or why it is not there. */
export type OptionalImport =
  | { ok: true; module: unknown }
  | { ok: false; missing: boolean; why: string };

/**
 * Imports the optional package `specifier` (tfjs-node, @snn/backend-native, …) and says why not:
 * `'not installed'` when the package itself cannot be found, `'failed to load (…)'` when it is
 * there but throws (a missing native library, a broken install).
 *
 * @param specifier - The package name.
 * @param importModule - Loads it; default `import()`. Tests inject one to simulate a package.
 * @example
 * const tfnode = await importOptional('@tensorflow/tfjs-node');
 * if (!tfnode.ok) console.log(tfnode.why); // 'not installed'
 */
export async function importOptional(
  specifier: string,
  importModule?: ImportModule,
): Promise<OptionalImport> {
  try {
    // A variable specifier: optional packages stay out of type checking and bundling.
    const load = importModule ?? ((name: string) => import(name));
    return { ok: true, module: await load(specifier) };
  } catch (error) {
    return isNotInstalled(error, specifier)
      ? { ok: false, missing: true, why: 'not installed' }
      : { ok: false, missing: false, why: `failed to load (${firstLine(error)})` };
  }
}

function isNotInstalled(error: unknown, specifier: string): boolean {
  const code = (error as { code?: string })?.code;
  const message = String((error as Error)?.message ?? error);
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(specifier)
  );
}
