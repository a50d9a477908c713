import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The published builds, not the sources: importing dist/index.js (ESM) and requiring
 * dist/index.cjs (CJS) in one Node process must not throw, must register each custom layer once
 * (the first copy wins) and must leave tfjs's built-in LayerNormalization alone. Builds this
 * package and its @snn dependencies first when a dist/ is missing or older than its sources.
 */
const PACKAGES = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE_DIR = join(PACKAGES, 'snn-layers');
const ESM = join(PACKAGE_DIR, 'dist', 'index.js');
const CJS = join(PACKAGE_DIR, 'dist', 'index.cjs');

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

function ensureBuilt(name: string): void {
  const dir = join(PACKAGES, name);
  const outputs = [join(dir, 'dist', 'index.js'), join(dir, 'dist', 'index.cjs')];
  const built = outputs.every(existsSync)
    ? Math.min(...outputs.map((f) => statSync(f).mtimeMs))
    : 0;
  if (built >= newestSource(join(dir, 'src'))) return;
  execFileSync('pnpm', ['run', 'build'], { cwd: dir, stdio: 'ignore' });
}

const CLASSES = ['WeightNormDense', 'LayerNorm', 'Highway', 'ResidualBlock'];

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
    const other = first === esm ? cjs : esm;
    const classes = ${JSON.stringify(CLASSES)};
    // Models built by the other copy serialize and rebuild through the registry.
    const rebuilt = [];
    for (const architecture of ['weightnorm', 'layernorm', 'highway', 'resnet']) {
      const model = other.buildFnn({ architecture, inputDim: 4, outputDim: 2, depth: 2, width: 5, seed: 1 });
      const copy = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(null, false) });
      rebuilt.push(copy.layers.map((l) => l.getClassName()).filter((n) => n.startsWith('Snn')));
    }
    let crossCopyError = false;
    try { cjs.buildFnn({ architecture: 'snn', inputDim: 0, outputDim: 1, depth: 1, width: 1 }); }
    catch (e) { crossCopyError = e instanceof esm.SnnError; }
    // useKerasSnn of both copies: the second call is a no-op, the first restore undoes everything.
    const tfjsVarianceScaling = map.VarianceScaling[0];
    const restoreFirst = first.useKerasSnn();
    const keras = map.LecunNormal?.[0];
    const kerasVs = map.VarianceScaling[0];
    const restoreOther = other.useKerasSnn();
    const kept = map.LecunNormal?.[0] === keras && keras !== undefined && map.VarianceScaling[0] === kerasVs;
    restoreOther();
    const stillActive = map.LecunNormal?.[0] === keras && kerasVs !== tfjsVarianceScaling;
    restoreFirst();
    const kerasAcrossCopies =
      kept && stillActive && map.LecunNormal === undefined && map.Sequential[0] === tfl.Sequential &&
      map.VarianceScaling[0] === tfjsVarianceScaling &&
      tfjsVarianceScaling === tfl.initializers.varianceScaling({}).constructor;
    // .keras files: h5wasm, an ES module, loads by dynamic import from the CJS build as well.
    const snn = other.buildFnn({ architecture: 'snn', inputDim: 4, outputDim: 2, depth: 2, width: 5, seed: 1 });
    const written = await other.toKerasFile(snn);
    const read = await first.loadKerasFile(written);
    const kerasFileAcrossCopies =
      JSON.stringify(read.getWeights().map((w) => Array.from(w.dataSync()))) ===
      JSON.stringify(snn.getWeights().map((w) => Array.from(w.dataSync())));
    console.log(JSON.stringify({
      kerasFileAcrossCopies,
      kerasAcrossCopies,
      separateCopies: classes.every((name) => esm[name] !== cjs[name]),
      registeredFirstCopy: classes.every((name) => map['Snn' + name][0] === first[name]),
      builtInUntouched: map.LayerNormalization[0] === tfl.layers.layerNormalization().constructor,
      rebuilt,
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

describe('ESM and CJS builds in one process', () => {
  beforeAll(() => {
    for (const name of ['selu', 'init', 'snn-layers']) ensureBuilt(name);
  });

  for (const order of ['esm-first', 'cjs-first'] as const) {
    it(`load without throwing and register once (${order})`, () => {
      expect(loadBoth(order)).toEqual({
        kerasFileAcrossCopies: true,
        kerasAcrossCopies: true,
        separateCopies: true,
        registeredFirstCopy: true,
        builtInUntouched: true,
        rebuilt: [
          ['SnnWeightNormDense', 'SnnWeightNormDense'],
          ['SnnLayerNorm', 'SnnLayerNorm'],
          ['SnnHighway', 'SnnHighway'],
          ['SnnResidualBlock', 'SnnResidualBlock'],
        ],
        crossCopyError: true,
      });
    });
  }
});
