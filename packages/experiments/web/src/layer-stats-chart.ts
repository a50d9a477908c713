import { THEOREM1_DOMAIN } from '@snn/selu';
import { curveColor } from './loss-chart';
import { clear, formatTick, linearScale, linearTicks, svgEl, svgText } from './svg';

/** Mean and variance of one hidden layer's activations, as the normalization monitor reports. */
export interface LayerStat {
  name: string;
  mean: number;
  variance: number;
}

/** The latest per-layer statistics of one SNN, and the epoch they were taken at. */
export interface LayerStatsSeries {
  depth: number;
  epoch: number;
  layers: LayerStat[];
}

// Theorem 1's domain, the one the normalization monitor checks by default.
const MEAN_BAND = THEOREM1_DOMAIN.mean;
const VARIANCE_BAND = THEOREM1_DOMAIN.variance;

const WIDTH = 640;
const HEIGHT = 240;
const PANEL_GAP = 56;
const MARGIN = { top: 30, right: 12, bottom: 40, left: 52 };

/**
 * Draws per-layer activation mean (left) and variance (right) of the SNNs against the layer index,
 * with the theory's domain shaded, into `svg` (replacing its content).
 */
export function drawLayerStatsChart(svg: SVGSVGElement, series: LayerStatsSeries[]): void {
  clear(svg);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('font-family', 'Helvetica, Arial, sans-serif');
  svg.setAttribute('font-size', '12');
  svgEl('rect', { width: WIDTH, height: HEIGHT, fill: '#ffffff' }, svg);

  const panelWidth = (WIDTH - MARGIN.left - MARGIN.right - PANEL_GAP) / 2;
  const maxLayers = Math.max(2, ...series.map((s) => s.layers.length));
  const depths = series.map((s) => s.depth);
  const panels = [
    {
      key: 'mean' as const,
      title: 'Activation mean per layer',
      band: MEAN_BAND,
      min: [-0.25, 0.25],
    },
    {
      key: 'variance' as const,
      title: 'Activation variance per layer',
      band: VARIANCE_BAND,
      min: [0.5, 1.7],
    },
  ];

  panels.forEach((panel, p) => {
    const left = MARGIN.left + p * (panelWidth + PANEL_GAP);
    const values = series.flatMap((s) => s.layers.map((l) => l[panel.key])).filter(Number.isFinite);
    const lo = Math.min(panel.min[0]!, ...values);
    const hi = Math.max(panel.min[1]!, ...values);
    const x = linearScale([1, maxLayers], [left, left + panelWidth]);
    const y = linearScale([lo, hi], [HEIGHT - MARGIN.bottom, MARGIN.top]);
    const g = svgEl('g', {}, svg);

    svgEl(
      'rect',
      {
        x: left,
        width: panelWidth,
        y: y(panel.band[1]),
        height: y(panel.band[0]) - y(panel.band[1]),
        fill: '#eef5ee',
      },
      g,
    );
    for (const t of linearTicks(lo, hi, 5)) {
      svgEl('line', { x1: left, x2: left + panelWidth, y1: y(t), y2: y(t), stroke: '#e5e5e5' }, g);
      svgText(g, left - 5, y(t) + 4, formatTick(t), { 'text-anchor': 'end', fill: '#333' });
    }
    for (const t of linearTicks(1, maxLayers, 6).filter(Number.isInteger)) {
      svgText(g, x(t), HEIGHT - MARGIN.bottom + 15, String(t), {
        'text-anchor': 'middle',
        fill: '#333',
      });
    }
    svgEl('line', { x1: left, x2: left, y1: y(lo), y2: y(hi), stroke: '#444' }, g);
    svgEl('line', { x1: left, x2: left + panelWidth, y1: y(lo), y2: y(lo), stroke: '#444' }, g);
    svgText(g, left, 18, panel.title, { 'font-weight': 'bold', fill: '#333' });
    svgText(g, left + panelWidth / 2, HEIGHT - 8, 'Hidden layer', {
      'text-anchor': 'middle',
      fill: '#333',
    });

    for (const s of series) {
      const color = curveColor('snn', s.depth, depths);
      const points = s.layers
        .map((l, i) => [x(i + 1), y(l[panel.key])] as const)
        .filter(([, py]) => Number.isFinite(py));
      if (points.length > 1) {
        const d = points.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`);
        svgEl('path', { d: d.join(''), stroke: color, fill: 'none', 'stroke-width': 1.6 }, g);
      }
      for (const [px, py] of points) svgEl('circle', { cx: px, cy: py, r: 2, fill: color }, g);
    }
  });

  if (series.length === 0) {
    svgText(svg, WIDTH / 2, HEIGHT / 2, 'SNN layer statistics appear here during a run', {
      'text-anchor': 'middle',
      fill: '#888',
    });
  }
}
