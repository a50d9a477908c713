// End-to-end test of the browser page: builds it (when stale), serves dist/ with COOP/COEP on
// 127.0.0.1, drives Debian's Chromium (headless, WebGL2 on SwiftShader) and runs a tiny Figure-1
// config through the UI and through `window.snn`, on webgl and on wasm, and on WebGPU where
// Chromium offers an adapter (SwiftShader's here, which the page takes only when asked by name).
//   pnpm vitest run --config packages/experiments/web/vitest.config.ts
// SNN_WEB_REBUILD=1 forces a rebuild; SNN_WEB_DOCS_SCREENSHOT=1 also renders a larger run and
// writes packages/experiments/docs/web-page.png (the screenshot the docs show).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageApi, PageFigure1Options } from '../src/page-api';
import { distDir, ensurePageBuilt, webDir } from './build-page';
import { CHROMIUM_PATH, type LaunchedBrowser, chromiumAvailable, launchChromium } from './chromium';
import { type StaticServer, serveStatic } from './static-server';

declare global {
  interface Window {
    snn: PageApi;
  }
}

const artifactsDir = join(webDir, 'test-artifacts');
const docsScreenshot = join(webDir, '../docs/web-page.png');

type TinyConfig = Required<
  Pick<
    PageFigure1Options,
    'dataset' | 'depths' | 'archs' | 'epochs' | 'lr' | 'batch' | 'limit' | 'seed'
  >
> & { width: number };

// Small enough to finish in seconds on SwiftShader, large enough that SGD visibly lowers the loss.
const TINY: TinyConfig = {
  dataset: 'mnist',
  depths: [2],
  archs: ['snn', 'batchnorm'],
  epochs: 3,
  lr: 0.05,
  batch: 64,
  width: 32,
  limit: 256,
  seed: 7,
};

const skipReason = chromiumAvailable()
  ? undefined
  : `skipped: ${CHROMIUM_PATH} not found (install Debian's chromium, as .ci/run does)`;
if (skipReason) console.warn(`browser page e2e ${skipReason}`);

/** The page plus every console error and uncaught exception it produced. */
async function openPage(browser: LaunchedBrowser, server: StaticServer, query = '') {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  await page.goto(`${server.url}${query}`);
  await page.evaluate(() => window.snn.ready);
  return { page, errors };
}

/** Fills the form with `config` and the chosen backend, clicks Run and waits for the end. */
async function runThroughUi(page: Page, config: TinyConfig, backend: string): Promise<void> {
  await page.selectOption('select[name="backend"]', backend);
  await page.fill('input[name="depths"]', config.depths.join(','));
  for (const arch of ['snn', 'batchnorm']) {
    await page.setChecked(
      `input[name="archs"][value="${arch}"]`,
      (config.archs as string[]).includes(arch),
    );
  }
  await page.fill('input[name="epochs"]', String(config.epochs));
  await page.fill('input[name="lr"]', String(config.lr));
  await page.fill('input[name="batch"]', String(config.batch));
  await page.fill('input[name="width"]', String(config.width));
  await page.fill('input[name="limit"]', String(config.limit));
  await page.fill('input[name="seed"]', String(config.seed));
  // The click handler marks the status `loading` before it returns, so no earlier `done` is seen.
  await page.click('#run');
  await page.waitForSelector(
    '#status[data-state="done"], #status[data-state="error"], #status[data-state="stopped"]',
    { timeout: 90_000 },
  );
  const state = await page.getAttribute('#status', 'data-state');
  if (state !== 'done')
    throw new Error(`run ended in state ${state}: ${await page.textContent('#log')}`);
}

/**
 * A small IDX pair in MNIST's layout: `n` 28 × 28 images whose class c shows as a bright band at
 * rows 2c…2c+4 over seeded noise (learnable in a few epochs), labels i mod 10. Images gzip'd, labels
 * raw, as users have them.
 */
function idxFixture(n: number): { images: Buffer; labels: Buffer } {
  const header = (magic: number, dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  let state = 12345;
  const noise = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % 60;
  };
  const pixels = Buffer.alloc(n * 784);
  const labels = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[i] = c;
    for (let p = 0; p < 784; p++) {
      const row = Math.floor(p / 28);
      pixels[i * 784 + p] = row >= 2 * c && row < 2 * c + 5 ? 255 : noise();
    }
  }
  return {
    images: gzipSync(Buffer.concat([header(0x803, [n, 28, 28]), pixels])),
    labels: Buffer.concat([header(0x801, [n]), labels]),
  };
}

function snnLosses(result: { curves: Array<{ arch: string; loss: number[] }> }): number[][] {
  return result.curves.filter((c) => c.arch === 'snn').map((c) => c.loss);
}

describe.skipIf(skipReason !== undefined)('browser page', () => {
  let server: StaticServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    await ensurePageBuilt();
    server = await serveStatic(distDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trains Figure 1 on webgl through the UI and window.snn, and moves the theory fixed point', async () => {
    const { page, errors } = await openPage(browser, server);
    const info = await page.evaluate(() => window.snn.info());
    expect(info.backend).toBe('webgl');
    expect(info.webglVersion).toBe(2);
    expect(info.crossOriginIsolated).toBe(true);

    await runThroughUi(page, TINY, 'webgl');
    const fromUi = await page.evaluate(() => window.snn.lastResult());
    expect(fromUi?.backend.name).toBe('webgl');
    expect(fromUi?.curves).toHaveLength(2);
    expect(fromUi?.complete).toBe(true);
    for (const loss of snnLosses(fromUi!)) {
      expect(loss).toHaveLength(TINY.epochs + 1);
      expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    }
    expect(await page.locator('#loss-chart path').count()).toBeGreaterThanOrEqual(2);

    const fromApi = await page.evaluate((config) => window.snn.runFigure1(config), {
      ...TINY,
      seed: 8,
    });
    expect(fromApi.backend.name).toBe('webgl');
    expect(fromApi.config).toMatchObject({ depths: TINY.depths, epochs: TINY.epochs });
    for (const loss of snnLosses(fromApi)) expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    expect(await page.evaluate(() => window.snn.backend())).toBe('webgl');

    // The theory figure: (0, 1) is the fixed point for ω = 0, τ = 1 with spectral norm 0.7877
    // (paper); for ω = 0.1, τ = 1.1 it moves to (0.0547, 1.4103) (PAPER.md, computed).
    const readout = page.locator('[data-role="fixed-point"]');
    await expect.poll(() => readout.textContent()).toContain('μ* = 0.00000, ν* = 1.00000');
    expect(await readout.textContent()).toContain('spectral norm 0.7877');
    await page.fill('input[name="omega"]', '0.1');
    await page.fill('input[name="tau"]', '1.1');
    await expect.poll(() => readout.textContent()).toMatch(/μ\* = 0\.0547\d, ν\* = 1\.410[23]\d/);

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#download-json'),
    ]);
    expect(jsonDownload.suggestedFilename()).toBe('figure1.json');
    const downloaded = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    expect(downloaded.curves).toEqual(fromApi.curves);
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#download-png'),
    ]);
    expect(pngDownload.suggestedFilename()).toBe('figure1.png');
    const png = readFileSync(await pngDownload.path());
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');

    await page.screenshot({ path: join(artifactsDir, 'page-webgl.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the SNN layer statistics of the normalization monitor after each epoch', async () => {
    const { page, errors } = await openPage(browser, server);
    await page.evaluate((config) => window.snn.runFigure1(config), {
      ...TINY,
      archs: ['snn' as const],
      epochs: 1,
    });
    // One point per hidden layer in each of the two panels (mean, variance).
    expect(await page.locator('#layer-stats circle').count()).toBe(2 * TINY.depths[0]!);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains Figure 1 on threaded wasm (snn-wasm through the UI, stock wasm through window.snn)', async () => {
    const { page, errors } = await openPage(browser, server);
    await runThroughUi(page, TINY, 'snn-wasm');
    const info = await page.evaluate(() => window.snn.info());
    expect(info.backend).toBe('snn-wasm');
    expect(info.crossOriginIsolated).toBe(true);
    expect(info.threads).toBeGreaterThanOrEqual(1);
    const fromUi = await page.evaluate(() => window.snn.lastResult());
    expect(fromUi?.backend.name).toBe('snn-wasm');
    expect(fromUi?.complete).toBe(true);
    for (const loss of snnLosses(fromUi!)) expect(loss.at(-1)!).toBeLessThan(loss[0]!);

    const fromApi = await page.evaluate((config) => window.snn.runFigure1(config), {
      ...TINY,
      backend: 'wasm' as const,
      archs: ['snn' as const],
      seed: 9,
    });
    expect(fromApi.backend.name).toBe('wasm');
    expect(await page.evaluate(() => window.snn.info().threads)).toBeGreaterThanOrEqual(1);
    expect(fromApi.curves.map((c) => c.arch)).toEqual(['snn']);
    for (const loss of snnLosses(fromApi)) expect(loss.at(-1)!).toBeLessThan(loss[0]!);

    // Stop: a long run started through window.snn ends after the Stop click with a partial result.
    const long = page.evaluate((config) => window.snn.runFigure1(config), {
      ...TINY,
      epochs: 500,
    });
    await page.waitForFunction(() => Number(document.querySelector('progress')?.value) >= 1);
    await page.click('#stop');
    const stopped = await long;
    expect(stopped.complete).toBe(false);
    expect(stopped.curves[0]!.loss.length).toBeLessThan(501);
    expect(await page.getAttribute('#status', 'data-state')).toBe('stopped');

    await page.screenshot({ path: join(artifactsDir, 'page-wasm.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tries WebGPU first but takes only a hardware adapter; ?backend=webgpu trains Figure 1 on any adapter', async (ctx) => {
    const offered = await openPage(browser, server);
    const adapter = await offered.page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: object } | null> } })
        .gpu;
      const found = await gpu?.requestAdapter();
      return found == null ? null : { ...(found.info ?? {}) };
    });
    const defaultBackend = await offered.page.evaluate(() => window.snn.backend());
    await offered.page.close();
    if (adapter == null) {
      ctx.skip();
      return;
    }
    // SwiftShader here: the default start skipped it for WebGL.
    if ((adapter as { architecture?: string }).architecture === 'swiftshader') {
      expect(defaultBackend).toBe('webgl');
    }
    const { page, errors } = await openPage(browser, server, '?backend=webgpu');
    const info = await page.evaluate(() => window.snn.info());
    expect(info.backend).toBe('webgpu');
    expect(info.adapter?.api).toBe('browser');
    expect(await page.textContent('#backend-info')).toMatch(/webgpu → webgpu: .* adapter/);
    const result = await page.evaluate((config) => window.snn.runFigure1(config), {
      ...TINY,
      backend: 'webgpu' as const,
      archs: ['snn' as const],
      epochs: 2,
    });
    expect(result.backend.name).toBe('webgpu');
    expect(result.complete).toBe(true);
    for (const loss of snnLosses(result)) expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    await page.screenshot({ path: join(artifactsDir, 'page-webgpu.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains on local IDX files (gzip or raw) on the cpu backend', async () => {
    const { page, errors } = await openPage(browser, server);
    const { images, labels } = idxFixture(200);
    await page.selectOption('select[name="source"]', 'idx');
    await page.setInputFiles('input[name="idxImages"]', {
      name: 'train-images-idx3-ubyte.gz',
      mimeType: 'application/gzip',
      buffer: images,
    });
    await page.setInputFiles('input[name="idxLabels"]', {
      name: 'train-labels-idx1-ubyte',
      mimeType: 'application/octet-stream',
      buffer: labels,
    });
    await runThroughUi(page, { ...TINY, archs: ['snn'], limit: 1000 }, 'cpu');
    const result = await page.evaluate(() => window.snn.lastResult());
    expect(result?.backend.name).toBe('cpu');
    expect(result?.config).toMatchObject({
      dataset: 'mnist',
      source: 'train-images-idx3-ubyte.gz + train-labels-idx1-ubyte',
      trainSize: 200,
    });
    for (const loss of snnLosses(result!)) expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    expect(errors).toEqual([]);
    await page.close();
  });

  // The quick preset needs more than 10 minutes on snn-wasm (one thread) on our 2-core machine,
  // so the screenshot shows a smaller run: width 64, 1024 digits, 12 epochs.
  it.runIf(process.env.SNN_WEB_DOCS_SCREENSHOT === '1')(
    'renders the screenshot of the docs',
    async () => {
      const { page, errors } = await openPage(browser, server);
      await runThroughUi(
        page,
        { ...TINY, depths: [8, 16, 32], epochs: 12, width: 64, limit: 1024, lr: 0.01, batch: 128 },
        'snn-wasm',
      );
      await page.screenshot({ path: docsScreenshot, fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    },
    300_000,
  );
});
