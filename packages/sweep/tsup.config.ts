import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Both builds write into dist/, so clean once here instead of letting two parallel builds race.
rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });

export default defineConfig([
  {
    // `@snn/sweep` (the core, no Redis client) and `@snn/sweep/redis` (the queue).
    entry: { index: 'src/index.ts', redis: 'src/redis/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    // import.meta.url (the checkout whose commit a run records; the process entries below) in CJS.
    shims: true,
  },
  {
    // Process entries, started by path: a local pool's worker and a queue worker's sandbox.
    entry: {
      'pool-worker': 'src/pool/pool-worker.ts',
      'queue-sandbox': 'src/redis/queue-sandbox.ts',
    },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
  },
]);
