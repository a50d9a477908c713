import { availableParallelism } from 'node:os';
import { selectBackend } from '@snn/runtime';
import { version_core } from '@tensorflow/tfjs-core';
import { version_layers } from '@tensorflow/tfjs-layers';
import packageJson from '../../package.json';

/**
 * What `snn --version` prints, the lines a bug report needs: the package version, the tfjs versions
 * actually loaded, the backend `--backend auto` picks here and why, and the platform.
 *
 * Activating the `auto` backend takes about a second (the wasm module is compiled); the report is
 * worth it, since most numerical and speed reports depend on that choice.
 *
 * @example
 * process.stdout.write(await versionReport());
 * // snn 0.1.0 (@snn/experiments)
 * // tfjs-core 4.22.0, tfjs-layers 4.22.0
 * // backend: snn-wasm (auto → snn-wasm: tfjs wasm (SIMD) with fast transposed matmuls, 2 threads; …)
 * // Node.js v20.19.0, linux x64, 2 cores
 */
export async function versionReport(): Promise<string> {
  const lines = [
    `snn ${packageJson.version} (@snn/experiments)`,
    `tfjs-core ${version_core}, tfjs-layers ${version_layers}`,
  ];
  try {
    const choice = await selectBackend('auto');
    lines.push(`backend: ${choice.name} (${choice.reason})`);
  } catch (error) {
    lines.push(`backend: none (${error instanceof Error ? error.message : String(error)})`);
  }
  lines.push(
    `Node.js ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} cores`,
  );
  return `${lines.join('\n')}\n`;
}
