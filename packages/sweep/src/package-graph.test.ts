/**
 * The shape of the package: `@snn/sweep` loads no Redis client (neither its sources nor its
 * build reach bullmq or ioredis), the queue lives behind `@snn/sweep/redis` and says what to
 * install when its optional peers are missing, and no module imports itself through a circle.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../test/built-package';

const src = dirname(fileURLToPath(import.meta.url));

/** Every import, export-from and dynamic import specifier of a source file. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"]([^'"]+)['"]/g),
  ];
  const bare = [...text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)];
  const dynamic = [...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...found, ...bare, ...dynamic].map((m) => m[1]!);
}

/** The package's source modules (tests and fixtures excluded) and their imports. */
function sourceGraph(): Map<string, { local: string[]; external: string[] }> {
  const graph = new Map<string, { local: string[]; external: string[] }>();
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (
      !entry.isFile() ||
      !entry.name.endsWith('.ts') ||
      /\.test\.ts$|fixtures\.ts$/.test(entry.name)
    )
      continue;
    const file = join(entry.parentPath, entry.name);
    const local: string[] = [];
    const external: string[] = [];
    for (const s of specifiers(file)) {
      if (!s.startsWith('.')) external.push(s);
      else {
        const target = resolve(dirname(file), s);
        // Only this package's files; `internal/` (shared sources) is outside src.
        if (target.startsWith(src))
          local.push(existsSync(`${target}.ts`) ? `${target}.ts` : join(target, 'index.ts'));
      }
    }
    graph.set(file, { local, external });
  }
  return graph;
}

describe('@snn/sweep loads no Redis client', () => {
  const graph = sourceGraph();

  it('no source module reachable from src/index.ts imports bullmq, ioredis or src/redis/', () => {
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.get(file)?.local ?? []) visit(next);
    };
    visit(join(src, 'index.ts'));
    const offending = [...reached].filter(
      (f) =>
        f.startsWith(join(src, 'redis')) ||
        graph.get(f)!.external.some((e) => /^(bullmq|ioredis)(\/|$)/.test(e)),
    );
    expect(offending.map((f) => relative(src, f))).toEqual([]);
    expect(reached.size).toBeGreaterThan(10);
  });

  it('no import circle inside the package', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const walk = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push(
          [...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' → '),
        );
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file)?.local ?? []) walk(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) walk(file, []);
    expect(circles).toEqual([]);
  });

  it('the built entries load neither bullmq nor ioredis until a queue is used (ESM and CJS)', () => {
    const index = builtFile('sweep', 'index.js');
    const dist = dirname(index);
    const script = `
      import { createRequire } from 'node:module';
      import { mkdtempSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).filter((p) => /[\\\\/]node_modules[\\\\/](bullmq|ioredis)[\\\\/]/.test(p)).length;
      const sweep = await import(${JSON.stringify(join(dist, 'index.js'))});
      const summary = await sweep.sweep({ name: 'graph', outDir: join(mkdtempSync(join(tmpdir(), 'snn-graph-')), 'out'),
        space: { k: [1, 2] }, units: { u: () => 3 }, seed: 1, train: (config, data) => ({ value: config.k * data }) });
      require(${JSON.stringify(join(dist, 'index.cjs'))});
      const core = loaded();
      const redis = await import(${JSON.stringify(join(dist, 'redis.js'))});
      const entry = loaded();
      redis.loadPeer('bullmq');
      console.log(JSON.stringify({ trials: summary.trials.length, core, entry, used: loaded() }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    // `used` > 0 shows that the check sees bullmq once something loads it.
    expect(JSON.parse(out)).toEqual({ trials: 2, core: 0, entry: 0, used: expect.any(Number) });
    expect(JSON.parse(out).used).toBeGreaterThan(0);
  });

  describe('without the optional peers installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-no-peers-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('the core works and the queue names the packages to install', () => {
      // A copy of the built package where neither bullmq nor ioredis can be resolved.
      const pkg = join(dir, 'node_modules', '@snn', 'sweep');
      cpSync(dirname(builtFile('sweep', 'index.js')), join(pkg, 'dist'), { recursive: true });
      cpSync(join(src, '..', 'package.json'), join(pkg, 'package.json'));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      const script = `
        import { expandAxes } from '@snn/sweep';
        import { connectQueue, redisQueue } from '@snn/sweep/redis';
        const executor = redisQueue({ url: 'redis://127.0.0.1:6379', version: '1' });
        let message = 'no error';
        try { connectQueue('redis://127.0.0.1:6379'); } catch (e) { message = e.name + ': ' + e.message; }
        console.log(JSON.stringify({ points: expandAxes({ a: [1, 2] }).length, kind: executor.kind, message }));
      `;
      writeFileSync(join(dir, 'check.mjs'), script);
      // Without NODE_PATH too, which test runners set to their own node_modules.
      const { NODE_PATH: _, ...env } = process.env;
      const out = JSON.parse(
        execFileSync(process.execPath, [join(dir, 'check.mjs')], {
          cwd: dir,
          env,
          encoding: 'utf8',
          timeout: 60_000,
        }),
      );
      expect(out.points).toBe(2);
      expect(out.kind).toBe('redis-queue');
      expect(out.message).toMatch(
        /^SnnError: @snn\/sweep\/redis: the optional peer dependency ioredis is not installed; .*npm install bullmq@6\.7\.0 ioredis@\^5\.11\.1/,
      );
    });
  });
});
