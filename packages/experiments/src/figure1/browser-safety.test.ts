import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `@snn/experiments/figure1` is bundled into the web page: everything it reaches through relative
// imports must be free of Node built-ins and Node-only packages.
const NODE_ONLY = new Set(['@resvg/resvg-js', 'commander', 'vega', 'vega-lite']);

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  // `import type … from` is erased at compile time, so it does not count.
  return [
    ...source.matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?[^'"]*?from\s+['"]([^'"]+)['"]/g),
  ]
    .filter((m) => m[2] === undefined)
    .map((m) => m[3]!)
    .concat([...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!));
}

describe('@snn/experiments/figure1', () => {
  it('reaches no Node built-in and no Node-only package', () => {
    const entry = join(dirname(fileURLToPath(import.meta.url)), 'index.ts');
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) visit(`${resolve(dirname(file), spec)}.ts`);
        else bare.add(spec);
      }
    };
    visit(entry);
    expect(seen.size).toBeGreaterThan(5);
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const offending = [...bare].filter((s) => builtins.has(s) || NODE_ONLY.has(s));
    expect(offending).toEqual([]);
    expect([...seen].some((f) => f.includes('/node/') || f.endsWith('/plot.ts'))).toBe(false);
  });
});
