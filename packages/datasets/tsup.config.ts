import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The Node-only modules (file system, cache, tar) are loaded with dynamic import() and land in
  // their own chunks, so a browser bundle of the pure parts never evaluates them.
  splitting: true,
  // import.meta.url (used to find the `mnist` package's digit files) in the CJS build.
  shims: true,
});
