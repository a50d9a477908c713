import { defineConfig } from 'tsup';

export default defineConfig({
  // `native-addon` also on its own: the install script loads the prebuilt addon through it
  // without loading tfjs.
  entry: ['src/index.ts', 'src/native-addon.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // `import.meta.url` locates build/ and the prebuilt package in the CJS build too.
  shims: true,
});
