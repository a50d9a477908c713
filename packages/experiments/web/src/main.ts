import {
  FIGURE1_PAPER_DEFAULTS,
  FIGURE1_QUICK_DEFAULTS,
  type Figure1Curve,
  type Figure1Hooks,
  type Figure1Result,
  UsageError,
  figure1CurveOrder,
  resolveFigure1Config,
  trainFigure1,
} from '@snn/experiments/figure1';
import type { BackendChoice } from '@snn/runtime';
import { normalizationMonitor } from '@snn/snn-layers';
import {
  PAGE_BACKENDS,
  type PageBackend,
  START_ORDER,
  backendInfo,
  hardwareWebGpu,
  isPageBackend,
  useBackend,
} from './backend';
import { type PageData, loadEmbeddedMnist, loadIdxFiles } from './data-source';
import { downloadBlob, downloadJson, svgToPng } from './download';
import { type LayerStatsSeries, drawLayerStatsChart } from './layer-stats-chart';
import { drawLossChart } from './loss-chart';
import type { PageApi, PageFigure1Options } from './page-api';
import { estimateRemaining, formatDuration } from './progress';
import { mountTheoryFigure } from './theory-figure';

declare global {
  interface Window {
    snn: PageApi;
  }
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const form = $<HTMLFormElement>('#controls');
const status = $<HTMLElement>('#status');
const backendLine = $<HTMLElement>('#backend-info');
const progressBar = $<HTMLProgressElement>('#progress');
const progressText = $<HTMLElement>('#progress-text');
const lossChart = $<SVGSVGElement>('#loss-chart');
const layerChart = $<SVGSVGElement>('#layer-stats');
const logBox = $<HTMLElement>('#log');
const runButton = $<HTMLButtonElement>('#run');
const stopButton = $<HTMLButtonElement>('#stop');
const jsonButton = $<HTMLButtonElement>('#download-json');
const pngButton = $<HTMLButtonElement>('#download-png');
const backendSelect = form.elements.namedItem('backend') as HTMLSelectElement;
const sourceSelect = form.elements.namedItem('source') as HTMLSelectElement;

type RunState = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'error';

let lastResult: Figure1Result | undefined;
let controller: AbortController | undefined;

function setState(state: RunState): void {
  status.dataset.state = state;
  const busy = state === 'loading' || state === 'running';
  runButton.disabled = busy;
  stopButton.disabled = !busy;
  jsonButton.disabled = busy || lastResult === undefined;
  pngButton.disabled = busy || lastResult === undefined;
}

function log(line: string): void {
  logBox.textContent += `${new Date().toLocaleTimeString()}  ${line}\n`;
  logBox.scrollTop = logBox.scrollHeight;
}

/** "Chrome 131" or the user agent's first product, for the result's backend reason. */
function browserName(): string {
  const brands = (
    navigator as { userAgentData?: { brands: Array<{ brand: string; version: string }> } }
  ).userAgentData?.brands;
  const brand =
    brands?.find((b) => !/not.a.brand/i.test(b.brand) && b.brand !== 'Chromium') ?? brands?.[0];
  return brand
    ? `${brand.brand} ${brand.version}`
    : (navigator.userAgent.split(' ')[0] ?? 'a browser');
}

function describeBackend(): string {
  const info = backendInfo();
  const parts = [`Backend: ${backendChoice?.reason ?? info.backend}`];
  if (info.webglVersion) parts.push(`WebGL ${info.webglVersion}`);
  if (info.backend === 'wasm' && info.threads !== undefined) {
    parts.push(`${info.threads} thread${info.threads > 1 ? 's' : ''}`);
  }
  parts.push(
    info.crossOriginIsolated
      ? 'cross-origin isolated (wasm may use threads)'
      : 'not cross-origin isolated (wasm runs on one thread; serve with COOP/COEP headers for threads)',
  );
  return parts.join(' · ');
}

let backendChoice: BackendChoice | undefined;

async function switchBackend(name: PageBackend): Promise<BackendChoice> {
  backendChoice = await useBackend(name);
  backendSelect.value = name;
  backendLine.textContent = describeBackend();
  return backendChoice;
}

/**
 * Fills the form with the library's presets: `quick` (what `snn figure1 --quick` runs: minutes, not
 * weeks) or `paper` (the paper's recipe on every training row).
 */
function applyPreset(preset: string): void {
  if (preset === 'custom') return;
  const values =
    preset === 'paper'
      ? { ...FIGURE1_PAPER_DEFAULTS, limit: '' }
      : { ...FIGURE1_QUICK_DEFAULTS, limit: String(FIGURE1_QUICK_DEFAULTS.limit) };
  const set = (name: string, value: unknown) => {
    (form.elements.namedItem(name) as HTMLInputElement).value = String(value);
  };
  set('depths', values.depths.join(','));
  set('epochs', values.epochs);
  set('lr', values.lr);
  set('batch', values.batch);
  set('width', values.width);
  set('limit', values.limit);
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="archs"]')) {
    box.checked = (values.archs as string[]).includes(box.value);
  }
}

/** The form's values as Figure-1 options (validated later by the library). */
function readForm(): PageFigure1Options {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const number = (name: string) => (text(name) === '' ? undefined : Number(text(name)));
  const width = text('width');
  return {
    source: text('source') === 'idx' ? 'idx' : 'embedded',
    dataset: text('source') === 'idx' ? (text('idxDataset') as 'mnist' | 'fashion-mnist') : 'mnist',
    depths: text('depths')
      .split(',')
      .filter((d) => d.trim() !== '')
      .map(Number),
    archs: data.getAll('archs').map(String) as PageFigure1Options['archs'],
    epochs: number('epochs'),
    lr: number('lr'),
    batch: number('batch'),
    width: width === '' || width === 'input' ? 'input' : Number(width),
    limit: number('limit'),
    seed: number('seed'),
    backend: text('backend') as PageBackend,
  };
}

async function loadData(options: PageFigure1Options): Promise<PageData> {
  if (options.source === 'idx') {
    const images = (form.elements.namedItem('idxImages') as HTMLInputElement).files?.[0];
    const labels = (form.elements.namedItem('idxLabels') as HTMLInputElement).files?.[0];
    if (!images || !labels) {
      throw new UsageError(
        'Local IDX data needs two files: pick the images file (…-images-idx3-ubyte[.gz]) and the labels file (…-labels-idx1-ubyte[.gz])',
      );
    }
    const dataset = options.dataset === 'fashion-mnist' ? 'fashion-mnist' : 'mnist';
    return loadIdxFiles(images, labels, dataset);
  }
  progressText.textContent = 'Loading the embedded MNIST digits…';
  return loadEmbeddedMnist((loaded) => {
    progressText.textContent = `Loading the embedded MNIST digits… ${loaded}/10`;
  });
}

function redrawLoss(curves: Map<string, Figure1Curve>, epochs: number): void {
  drawLossChart(lossChart, [...curves.values()], {
    epochs,
    title: 'Training loss: SNN (red) vs BatchNorm (blue)',
  });
}

/** One Figure-1 run, shown live on the page. Both the Run button and `window.snn` land here. */
async function runFigure1(options: PageFigure1Options = {}): Promise<Figure1Result> {
  if (controller) throw new Error('A Figure 1 run is in progress; stop it first');
  controller = new AbortController();
  const { signal } = controller;
  setState('loading');
  try {
    const requested = options.backend ?? backendSelect.value;
    if (!isPageBackend(requested)) {
      throw new UsageError(
        `backend must be one of ${PAGE_BACKENDS.join(', ')}; got ${JSON.stringify(requested)}`,
      );
    }
    const choice = await switchBackend(requested);
    const data = await loadData(options);
    if (options.dataset !== undefined && options.dataset !== data.dataset) {
      throw new UsageError(
        `dataset ${options.dataset} is not what the page loaded (${data.dataset} from ${data.source}); in the browser, pick local IDX files for fashion-mnist (cifar10 runs with the snn command)`,
      );
    }
    const { backend: _backend, source: _source, ...figureOptions } = options;
    const libraryOptions = {
      ...figureOptions,
      dataset: data.dataset,
      source: data.source,
    };
    // Validate before training so a bad option fails at once, and learn the curve order.
    const config = resolveFigure1Config(libraryOptions, {
      n: data.train.n,
      d: data.train.d,
      classes: 10,
    });
    const curves = new Map<string, Figure1Curve>();
    for (const { arch, depth } of figure1CurveOrder(config)) {
      curves.set(`${arch}:${depth}`, { arch, depth, loss: [] });
    }
    const layerSeries = new Map<number, LayerStatsSeries>();
    redrawLoss(curves, config.epochs);
    drawLayerStatsChart(layerChart, []);
    log(
      `Figure 1 on ${backendInfo().backend}: ${config.dataset} (${data.source}, ${config.trainSize} rows), ` +
        `depths ${config.depths.join('/')}, ${config.archs.join(' + ')}, ${config.epochs} epochs, ` +
        `lr ${config.lr}, batch ${config.batch}, width ${config.width}, seed ${config.seed}`,
    );

    const monitor = normalizationMonitor();
    const started = performance.now();
    setState('running');
    // The normalization monitor measures every SNN before training and after each epoch.
    const onModel: Figure1Hooks['onModel'] = async (model, event) => {
      if (event.arch !== 'snn') return;
      const report = await monitor.report(model, event.epoch);
      layerSeries.set(event.depth, {
        depth: event.depth,
        epoch: event.epoch,
        layers: report.layers,
      });
      drawLayerStatsChart(
        layerChart,
        [...layerSeries.values()].sort((a, b) => a.depth - b.depth),
      );
    };
    const hooks: Figure1Hooks = {
      signal,
      backend: { ...choice, reason: `${choice.reason} (in ${browserName()})` },
      onModel,
      onEpochEnd: (event) => {
        const curve = curves.get(`${event.arch}:${event.depth}`)!;
        curve.loss[event.epoch] = event.loss;
        redrawLoss(curves, config.epochs);
      },
      onCurveEnd: (curve) => {
        curves.set(`${curve.arch}:${curve.depth}`, { ...curve, loss: [...curve.loss] });
        redrawLoss(curves, config.epochs);
      },
      onProgress: (done, total) => {
        progressBar.max = total;
        progressBar.value = done;
        const eta = estimateRemaining(done / total, performance.now() - started);
        progressText.textContent =
          `Epoch ${done} of ${total} (all curves) · ` +
          `elapsed ${formatDuration(performance.now() - started)} · ETA ${formatDuration(eta)}`;
      },
      onMessage: log,
    };
    let result: Figure1Result;
    try {
      result = await trainFigure1({ train: data.train, classes: 10 }, libraryOptions, hooks);
    } finally {
      monitor.dispose();
    }
    lastResult = result;
    for (const curve of result.curves) curves.set(`${curve.arch}:${curve.depth}`, curve);
    redrawLoss(curves, config.epochs);
    const elapsed = formatDuration(performance.now() - started);
    progressText.textContent = result.complete
      ? `Done in ${elapsed}`
      : `Stopped after ${elapsed}; the partial result can be downloaded`;
    log(result.complete ? `Done in ${elapsed}.` : `Stopped after ${elapsed}.`);
    setState(result.complete ? 'done' : 'stopped');
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`Error: ${message}`);
    progressText.textContent = 'Failed (see the log below)';
    if (!(error instanceof UsageError)) console.error(error);
    setState('error');
    throw error;
  } finally {
    controller = undefined;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  runFigure1(readForm()).catch(() => {
    // Already shown in the log and the status line.
  });
});
stopButton.addEventListener('click', () => {
  controller?.abort();
  log('Stopping after the current training step…');
});
jsonButton.addEventListener('click', () => {
  if (lastResult) downloadJson(lastResult, 'figure1.json');
});
pngButton.addEventListener('click', async () => {
  downloadBlob(await svgToPng(lossChart), 'figure1.png');
});
sourceSelect.addEventListener('change', () => {
  $<HTMLElement>('#idx-files').hidden = sourceSelect.value !== 'idx';
});
backendSelect.addEventListener('change', () => {
  const name = backendSelect.value;
  if (isPageBackend(name) && !controller) {
    switchBackend(name).catch((error) => log(`Error: ${error.message}`));
  }
});

const presetSelect = form.elements.namedItem('preset') as HTMLSelectElement;
presetSelect.addEventListener('change', () => applyPreset(presetSelect.value));
// Editing a value the preset sets makes the run a custom one.
const PRESET_FIELDS = new Set(['depths', 'archs', 'epochs', 'lr', 'batch', 'width', 'limit']);
form.addEventListener('input', (event) => {
  const name = (event.target as HTMLInputElement).name;
  if (PRESET_FIELDS.has(name)) presetSelect.value = 'custom';
});
applyPreset(presetSelect.value);

mountTheoryFigure($<HTMLElement>('#theory'));
drawLossChart(lossChart, [], { epochs: 10, title: 'Training loss: SNN (red) vs BatchNorm (blue)' });
drawLayerStatsChart(layerChart, []);
setState('idle');

/**
 * The backend from `?backend=`, else the first of START_ORDER that starts: WebGPU on a hardware
 * adapter, WebGL, snn-wasm, wasm. Each one skipped is logged with the reason.
 */
async function start(): Promise<void> {
  const asked = new URLSearchParams(location.search).get('backend');
  const order: PageBackend[] = isPageBackend(asked)
    ? [asked, ...START_ORDER.filter((name) => name !== asked)]
    : [...START_ORDER];
  for (const name of order) {
    if (name === 'webgpu' && name !== asked && !(await hardwareWebGpu())) {
      log('WebGPU: no hardware adapter here (a software one is used only with ?backend=webgpu).');
      continue;
    }
    try {
      await switchBackend(name);
      return;
    } catch (error) {
      log(`${name}: ${(error as Error).message}`);
    }
  }
  await switchBackend('cpu');
}

window.snn = {
  ready: start(),
  backend: () => backendInfo().backend,
  info: backendInfo,
  runFigure1,
  stop: () => controller?.abort(),
  lastResult: () => lastResult,
};
