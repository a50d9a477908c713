// The install step of @snn/backend-native: nothing to do when the prebuilt addon of this platform
// (@snn/backend-native-<platform>, an optional dependency) loads and passes its self-test;
// otherwise the addon is built from source (scripts/build-native.mjs). It never fails the
// install (unless SNN_NATIVE_REQUIRED=1): without an addon @snn/runtime's selectBackend('auto')
// takes snn-wasm and says why.
import { existsSync } from 'node:fs';

const loader = new URL('../dist/native-addon.js', import.meta.url);
try {
  // Absent in a fresh checkout of the repository, where the package is built from source anyway.
  if (existsSync(loader)) {
    const { loadNativeAddon, prebuiltAddonPath } = await import(loader.href);
    const prebuilt = await prebuiltAddonPath();
    if (prebuilt !== null) {
      const load = await loadNativeAddon(prebuilt);
      if (load.ok) {
        console.error(`snn-native: using the prebuilt ${load.path} (${load.blas})`);
        process.exit(0);
      }
      console.error(`snn-native: the prebuilt addon does not load (${load.why}); building it`);
    }
  }
} catch (error) {
  console.error(`snn-native: could not check for a prebuilt addon (${error}); building it`);
}
await import('./build-native.mjs');
