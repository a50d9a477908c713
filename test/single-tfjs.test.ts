/**
 * A user's project that installs the packed `@snn/experiments` (with the packed `@snn/*` packages
 * it depends on) beside its own tfjs ends up with exactly one tfjs: every `@snn` package registers
 * its classes in the user's instance, so models built with the user's tfjs load our layers.
 *
 * Installs from the npm registry (tfjs, vega, …) into a temporary project; npm's cache makes
 * reruns fast.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'snn-single-tfjs-'));
const project = join(work, 'project');
const TFJS = ['tfjs-core', 'tfjs-layers', 'tfjs-backend-cpu', 'tfjs-backend-wasm'];
/** Every workspace package: `@snn/experiments` depends on most of them, none is on npm yet. */
const SNN = readdirSync(join(root, 'packages'));

/** pnpm itself: under `pnpm run` npm_execpath points at it (it need not be on PATH). */
function pnpm(args: string[], cwd: string): string {
  const execpath = process.env.npm_execpath;
  const viaNode = execpath !== undefined && /pnpm\.c?js$/.test(execpath);
  return execFileSync(
    viaNode ? process.execPath : 'pnpm',
    [...(viaNode ? [execpath!] : []), ...args],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Every installed copy of `@tensorflow/<name>` under `dir`'s node_modules, at any depth. */
function copiesOf(name: string, dir: string): string[] {
  const found: string[] = [];
  const visit = (modules: string) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name.startsWith('@')) {
        for (const scoped of readdirSync(join(modules, entry.name), { withFileTypes: true })) {
          const path = join(modules, entry.name, scoped.name);
          if (`${entry.name}/${scoped.name}` === `@tensorflow/${name}`) found.push(path);
          visit(join(path, 'node_modules'));
        }
      } else {
        visit(join(modules, entry.name, 'node_modules'));
      }
    }
  };
  visit(join(dir, 'node_modules'));
  return found;
}

beforeAll(() => {
  for (const name of SNN) {
    if (!existsSync(join(root, 'packages', name, 'dist', 'index.js'))) {
      throw new Error(`packages/${name}/dist is missing; run \`pnpm run build\` first`);
    }
  }
  const tarballs = join(work, 'tarballs');
  const packed = SNN.map(
    (name) =>
      pnpm(['pack', '--pack-destination', tarballs], join(root, 'packages', name))
        .trim()
        .split('\n')
        .at(-1)!,
  );
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
  );
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--loglevel=error',
      ...packed,
      ...TFJS.map((name) => `@tensorflow/${name}@4.22.0`),
    ],
    { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], timeout: 400_000 },
  );
}, 420_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a project installing the packed @snn/experiments beside its own tfjs', () => {
  it('has exactly one copy of each tfjs package', () => {
    for (const name of TFJS) {
      expect(copiesOf(name, project).map((p) => p.slice(project.length))).toEqual([
        `/node_modules/@tensorflow/${name}`,
      ]);
    }
  });

  it('takes tfjs only as peer dependencies, so npm never installs a second copy', () => {
    // A tfjs under `dependencies` would get its own copy whenever the user's version falls
    // outside its range; a peer dependency always resolves to the user's.
    for (const name of SNN) {
      const manifest = JSON.parse(
        readFileSync(join(project, 'node_modules', '@snn', name, 'package.json'), 'utf8'),
      );
      const bundled = Object.keys(manifest.dependencies ?? {}).filter((d) =>
        d.startsWith('@tensorflow/'),
      );
      expect({ name, bundled }).toEqual({ name, bundled: [] });
    }
    const experiments = JSON.parse(
      readFileSync(join(project, 'node_modules', '@snn', 'experiments', 'package.json'), 'utf8'),
    );
    for (const name of TFJS)
      expect(experiments.peerDependencies).toHaveProperty(`@tensorflow/${name}`);
  });

  it('gets every @snn class registered in its own tfjs instance', () => {
    const script = `
      import * as tf from '@tensorflow/tfjs-core';
      import { createRequire } from 'node:module';
      const experiments = await import('@snn/experiments');
      const map = tf.serialization.SerializationMap.getMap().classNameMap;
      const fromExperiments = createRequire(createRequire(import.meta.url).resolve('@snn/experiments'));
      console.log(JSON.stringify({
        registered: ['SnnSelu', 'SnnLecunNormal', 'SnnWeightNormDense'].filter((n) => n in map),
        sameCore: fromExperiments.resolve('@tensorflow/tfjs-core') ===
          createRequire(import.meta.url).resolve('@tensorflow/tfjs-core'),
        runFigure1: typeof experiments.runFigure1,
      }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({
      registered: ['SnnSelu', 'SnnLecunNormal', 'SnnWeightNormDense'],
      sameCore: true,
      runFigure1: 'function',
    });
  });
});
