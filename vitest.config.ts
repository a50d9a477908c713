import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const packageNames = readdirSync(packagesDir);

// Tests import sibling packages from source, so a test run never sees a stale build.
// Exact matches only, so subpath entries such as `@snn/experiments/figure1` resolve normally.
const alias = [
  ...packageNames.map((name) => ({
    find: new RegExp(`^@snn/${name}$`),
    replacement: `${packagesDir}${name}/src/index.ts`,
  })),
  // The queue entry of @snn/sweep, from source like the package's main entry.
  { find: /^@snn\/sweep\/redis$/, replacement: `${packagesDir}sweep/src/redis/index.ts` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'internal/**/*.test.ts',
      'packages/experiments/web/**/*.test.ts',
      'bench/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
