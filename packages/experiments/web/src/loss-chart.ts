import {
  clear,
  formatTick,
  linearScale,
  linearTicks,
  logScale,
  logTicks,
  mixColor,
  svgEl,
  svgText,
} from './svg';

/** One training curve as the Figure-1 result holds it: `loss[e]` after epoch e, `loss[0]` before training. */
export interface ChartCurve {
  arch: string;
  depth: number;
  loss: number[];
  diverged?: boolean;
}

const WIDTH = 780;
const HEIGHT = 400;
// The right margin holds the legend, so it never hides a curve.
const MARGIN = { top: 34, right: 196, bottom: 44, left: 64 };

// The paper's Figure 1 colours: BatchNorm in blue shades, SNN in red shades, deeper = darker.
const PALETTES: Record<string, [string, string]> = {
  batchnorm: ['#9ecae1', '#08306b'],
  snn: ['#fc9272', '#67000d'],
};
const OTHER_PALETTE: [string, string] = ['#bdbdbd', '#252525'];
const ARCH_LABELS: Record<string, string> = { batchnorm: 'BatchNorm', snn: 'SNN' };

/** The colour of one curve: its architecture's hue, shaded by its depth's rank among `depths`. */
export function curveColor(arch: string, depth: number, depths: number[]): string {
  const [light, dark] = PALETTES[arch] ?? OTHER_PALETTE;
  const sorted = [...new Set(depths)].sort((a, b) => a - b);
  const rank = sorted.indexOf(depth);
  const t = sorted.length <= 1 ? 0.6 : 0.25 + (0.75 * Math.max(rank, 0)) / (sorted.length - 1);
  return mixColor(light, dark, t);
}

export function archLabel(arch: string): string {
  return ARCH_LABELS[arch] ?? arch;
}

/**
 * Draws the training loss of every curve against the epoch, log-scale y, into `svg` (replacing
 * its content). `epochs` fixes the x range so a live chart does not rescale as epochs arrive.
 */
export function drawLossChart(
  svg: SVGSVGElement,
  curves: ChartCurve[],
  options: { epochs: number; title?: string },
): void {
  clear(svg);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('font-family', 'Helvetica, Arial, sans-serif');
  svg.setAttribute('font-size', '12');
  svgEl('rect', { width: WIDTH, height: HEIGHT, fill: '#ffffff' }, svg);

  const finite = curves
    .flatMap((c) => c.loss)
    .filter((v) => v !== undefined && Number.isFinite(v) && v > 0);
  let lo = finite.length > 0 ? Math.min(...finite) : 0.1;
  let hi = finite.length > 0 ? Math.max(...finite) : 10;
  if (hi / lo < 1.5) {
    const mid = Math.sqrt(hi * lo);
    lo = mid / 1.25;
    hi = mid * 1.25;
  }
  const pad = (Math.log10(hi) - Math.log10(lo)) * 0.05;
  lo = 10 ** (Math.log10(lo) - pad);
  hi = 10 ** (Math.log10(hi) + pad);
  const longest = Math.max(0, ...curves.map((c) => c.loss.length - 1));
  const epochs = Math.max(options.epochs, longest, 1);

  const x = linearScale([0, epochs], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = logScale([lo, hi], [HEIGHT - MARGIN.bottom, MARGIN.top]);

  const axes = svgEl('g', { stroke: '#444', 'stroke-width': 1 }, svg);
  svgEl('line', { x1: x(0), x2: x(epochs), y1: y(lo), y2: y(lo) }, axes);
  svgEl('line', { x1: x(0), x2: x(0), y1: y(lo), y2: y(hi) }, axes);

  const grid = svgEl('g', { stroke: '#e5e5e5', 'stroke-width': 1 }, svg);
  const labels = svgEl('g', { fill: '#333' }, svg);
  for (const t of logTicks(lo, hi)) {
    svgEl('line', { x1: x(0), x2: x(epochs), y1: y(t), y2: y(t) }, grid);
    svgText(labels, x(0) - 6, y(t) + 4, formatTick(t), { 'text-anchor': 'end' });
  }
  for (const t of linearTicks(0, epochs, 8).filter((t) => Number.isInteger(t))) {
    svgEl('line', { x1: x(t), x2: x(t), y1: y(lo), y2: y(lo) + 4, stroke: '#444' }, svg);
    svgText(labels, x(t), y(lo) + 17, String(t), { 'text-anchor': 'middle' });
  }
  svgText(labels, (x(0) + x(epochs)) / 2, HEIGHT - 8, 'Epoch', { 'text-anchor': 'middle' });
  svgText(labels, 16, (y(lo) + y(hi)) / 2, 'Training loss (log scale)', {
    'text-anchor': 'middle',
    transform: `rotate(-90 16 ${(y(lo) + y(hi)) / 2})`,
  });
  if (options.title) {
    svgText(labels, MARGIN.left, 20, options.title, { 'font-size': 14, 'font-weight': 'bold' });
  }

  const depthsByArch = new Map<string, number[]>();
  for (const c of curves) depthsByArch.set(c.arch, [...(depthsByArch.get(c.arch) ?? []), c.depth]);

  const lines = svgEl('g', { fill: 'none', 'stroke-width': 1.8 }, svg);
  for (const curve of curves) {
    const color = curveColor(curve.arch, curve.depth, depthsByArch.get(curve.arch) ?? []);
    const points: Array<[number, number]> = [];
    for (let i = 0; i < curve.loss.length; i++) {
      const v = curve.loss[i];
      // A live curve may lack loss[0] (known only when the curve ends): skip holes, stop at NaN.
      if (v === undefined) continue;
      if (!(Number.isFinite(v) && v > 0)) break;
      points.push([x(i), y(Math.min(Math.max(v, lo), hi))]);
    }
    if (points.length > 1) {
      const d = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`);
      svgEl('path', { d: d.join(''), stroke: color }, lines);
    }
    if (points.length <= 40) {
      for (const [px, py] of points) svgEl('circle', { cx: px, cy: py, r: 2.2, fill: color }, svg);
    }
    const last = points.at(-1);
    if (curve.diverged && last) {
      svgText(svg, last[0], last[1] - 6, '× diverged', { fill: color, 'text-anchor': 'middle' });
    }
  }

  // Legend, right of the plot: one row per curve in the run's order.
  const legend = svgEl('g', {}, svg);
  const rowHeight = 16;
  const lx = WIDTH - MARGIN.right + 14;
  curves.forEach((curve, i) => {
    const ly = MARGIN.top + 8 + i * rowHeight;
    const color = curveColor(curve.arch, curve.depth, depthsByArch.get(curve.arch) ?? []);
    svgEl(
      'line',
      { x1: lx, x2: lx + 22, y1: ly, y2: ly, stroke: color, 'stroke-width': 2.5 },
      legend,
    );
    const suffix = curve.diverged ? ' (diverged)' : '';
    svgText(legend, lx + 28, ly + 4, `${archLabel(curve.arch)}, depth ${curve.depth}${suffix}`, {
      fill: '#333',
    });
  });
}
