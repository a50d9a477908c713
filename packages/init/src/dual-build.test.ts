import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The published builds, not the sources: loading dist/index.js (ESM) and dist/index.cjs (CJS) in
 * one process must not throw, must register each class name once and must leave tfjs's built-in
 * initializers registered as they were. Runs in a fresh Node process per load order; builds the
 * package first if dist/ is missing or older than a source file.
 */
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const ESM = pathToFileURL(`${PACKAGE_DIR}dist/index.js`).href;
const CJS = `${PACKAGE_DIR}dist/index.cjs`;

function loadBoth(order: 'esm-first' | 'cjs-first'): Record<string, unknown> {
  const script = `
    import '@tensorflow/tfjs-backend-cpu';
    import * as tf from '@tensorflow/tfjs-core';
    import * as tfl from '@tensorflow/tfjs-layers';
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(`${PACKAGE_DIR}package.json`)});
    let esm, cjs;
    if (${JSON.stringify(order)} === 'esm-first') {
      esm = await import(${JSON.stringify(ESM)});
      cjs = require(${JSON.stringify(CJS)});
    } else {
      cjs = require(${JSON.stringify(CJS)});
      esm = await import(${JSON.stringify(ESM)});
    }
    await tf.setBackend('cpu');
    const map = tf.serialization.SerializationMap.getMap().classNameMap;
    const first = ${JSON.stringify(order)} === 'esm-first' ? esm : cjs;
    // A model built with one copy's initializer serializes and rebuilds through the registry.
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [5], units: 3,
      kernelInitializer: cjs.lecunNormal({ seed: 9, truncated: true }) })] });
    const rebuilt = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(null, false) });
    const same = String(rebuilt.layers[0].getWeights()[0].dataSync()) ===
      String(model.layers[0].getWeights()[0].dataSync());
    let crossCopyError = false;
    try { cjs.lecunNormal({ seed: 1 }).apply([]); } catch (e) { crossCopyError = e instanceof esm.SnnError; }
    console.log(JSON.stringify({
      separateCopies: esm.LecunNormal !== cjs.LecunNormal,
      registeredFirstCopy: ['LecunNormal', 'LecunUniform', 'HeNormal']
        .every((name) => map['Snn' + name][0] === first[name]),
      builtInsUntouched: ['LeCunNormal', 'LeCunUniform', 'HeNormal']
        .every((name) => map[name][0].name === name),
      rebuiltInitializer: rebuilt.layers[0].getConfig().kernelInitializer,
      sameSeededKernel: same,
      crossCopyError,
    }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = stdout.trim().split('\n').at(-1)!;
  return JSON.parse(line) as Record<string, unknown>;
}

function distIsCurrent(): boolean {
  const outputs = [CJS, `${PACKAGE_DIR}dist/index.js`];
  if (!outputs.every(existsSync)) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const sources = readdirSync(`${PACKAGE_DIR}src`).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  return sources.every((f) => statSync(`${PACKAGE_DIR}src/${f}`).mtimeMs <= built);
}

describe('ESM and CJS builds in one process', () => {
  if (!distIsCurrent()) {
    execFileSync('pnpm', ['run', 'build'], { cwd: PACKAGE_DIR, stdio: 'ignore' });
  }

  for (const order of ['esm-first', 'cjs-first'] as const) {
    it(`load without throwing and register once (${order})`, () => {
      expect(loadBoth(order)).toEqual({
        separateCopies: true,
        registeredFirstCopy: true,
        builtInsUntouched: true,
        rebuiltInitializer: { className: 'SnnLecunNormal', config: { seed: 9, truncated: true } },
        sameSeededKernel: true,
        crossCopyError: true,
      });
    });
  }
});
