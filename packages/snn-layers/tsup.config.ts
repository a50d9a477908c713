import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // package.json's `sideEffects` describes the shipped dist/ files for the user's bundler; while
  // bundling src/ it would let esbuild drop `import './register'`, the package's registration.
  esbuildOptions(options) {
    options.ignoreAnnotations = true;
  },
});
