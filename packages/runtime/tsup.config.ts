import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // `import.meta.url` locates the pthread worker file next to the bundle, in the CJS build too.
  shims: true,
  // The pthread worker entry is plain CommonJS that Node's worker_threads start by path.
  onSuccess: async () => {
    await copyFile('src/backends/snn-wasm/wasm-pthread-worker.cjs', 'dist/wasm-pthread-worker.cjs');
  },
});
