import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The published builds, not the sources: importing dist/index.js (ESM) and requiring
 * dist/index.cjs (CJS) in one Node process must not throw, must register each layer once (first copy
 * wins) and must leave tfjs's AlphaDropout alone until useSnnAlphaDropout() is called. Builds the
 * package first when dist/ is missing or older than a source file.
 */
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(PACKAGE_DIR, 'dist');
const ESM = join(DIST, 'index.js');
const CJS = join(DIST, 'index.cjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function ensureBuilt(): void {
  const built = [ESM, CJS].every(existsSync)
    ? Math.min(statSync(ESM).mtimeMs, statSync(CJS).mtimeMs)
    : 0;
  if (built >= newestSource(join(PACKAGE_DIR, 'src'))) return;
  execFileSync('pnpm', ['run', 'build'], { cwd: PACKAGE_DIR, stdio: 'ignore' });
}

function loadBoth(order: 'esm-first' | 'cjs-first'): Record<string, unknown> {
  const script = `
    import '@tensorflow/tfjs-backend-cpu';
    import * as tf from '@tensorflow/tfjs-core';
    import * as tfl from '@tensorflow/tfjs-layers';
    import { createRequire } from 'node:module';
    const require = createRequire(${JSON.stringify(join(PACKAGE_DIR, 'package.json'))});
    let esm, cjs;
    if (${JSON.stringify(order)} === 'esm-first') {
      esm = await import(${JSON.stringify(pathToFileURL(ESM).href)});
      cjs = require(${JSON.stringify(CJS)});
    } else {
      cjs = require(${JSON.stringify(CJS)});
      esm = await import(${JSON.stringify(pathToFileURL(ESM).href)});
    }
    await tf.setBackend('cpu');
    const map = tf.serialization.SerializationMap.getMap().classNameMap;
    const first = ${JSON.stringify(order)} === 'esm-first' ? esm : cjs;
    const builtIn = tfl.layers.alphaDropout({ rate: 0.1 }).constructor;
    const untouched = map.AlphaDropout[0] === builtIn;
    // a model made of the other copy's layers serializes and rebuilds through the registry
    const other = first === esm ? cjs : esm;
    const model = tfl.sequential({ layers: [
      tfl.layers.dense({ inputShape: [4], units: 3 }), other.seluLayer(),
      other.alphaDropoutLayer({ rate: 0.1 }), other.featureAlphaDropoutLayer({ rate: 0.1 }) ] });
    const rebuilt = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(null, false) });
    const restoreA = esm.useSnnAlphaDropout();
    const restoreB = cjs.useSnnAlphaDropout();
    const replaced = map.AlphaDropout[0] !== builtIn;
    restoreB(); restoreA();
    let crossCopyError = false;
    try { cjs.alphaDropout(tf.zeros([2]), 2); } catch (e) { crossCopyError = e instanceof esm.SnnError; }
    console.log(JSON.stringify({
      separateCopies: esm.SeluLayer !== cjs.SeluLayer,
      registeredFirstCopy: ['SeluLayer', 'AlphaDropoutLayer', 'FeatureAlphaDropoutLayer']
        .every((name) => map['Snn' + name.replace('Layer', '')][0] === first[name]),
      untouched,
      rebuiltClasses: rebuilt.layers.map((l) => l.getClassName()),
      replacedWhenAsked: replaced,
      restored: map.AlphaDropout[0] === builtIn,
      crossCopyError,
    }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('dual ESM/CJS build', () => {
  beforeAll(ensureBuilt);

  for (const order of ['esm-first', 'cjs-first'] as const) {
    it(`loads both builds in one process without throwing (${order})`, () => {
      expect(loadBoth(order)).toEqual({
        separateCopies: true,
        registeredFirstCopy: true,
        untouched: true,
        rebuiltClasses: ['Dense', 'SnnSelu', 'SnnAlphaDropout', 'SnnFeatureAlphaDropout'],
        replacedWhenAsked: true,
        restored: true,
        crossCopyError: true,
      });
    });
  }
});
