import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import rootConfig from '../../../vitest.config';

// Runs only the page's end-to-end test, with the root settings otherwise:
//   pnpm vitest run --config packages/experiments/web/vitest.config.ts
// The root config runs it too once its `include` lists `packages/experiments/web/**/*.test.ts`.
export default defineConfig({
  ...rootConfig,
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: { ...rootConfig.test, include: ['packages/experiments/web/**/*.test.ts'] },
});
