import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Both builds write into dist/, so clean once here instead of letting two parallel builds race.
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

export default defineConfig([
  {
    // The library: `@snn/experiments` (Node) and `@snn/experiments/figure1` (browser-safe core).
    entry: { index: 'src/index.ts', figure1: 'src/figure1/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'es2022',
  },
  {
    // The `snn` binary and the grid's worker module (local pools and `snn worker`): ESM only.
    entry: { cli: 'src/cli.ts', 'grid-worker': 'src/grid-worker.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
