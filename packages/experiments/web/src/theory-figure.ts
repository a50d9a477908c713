import { THEOREM1_DOMAIN, seluJacobian, seluMoments } from '@snn/selu';
import { THEOREM1_BOUNDS } from '../../src/theory/compute-theory';
import { clear, formatTick, linearScale, linearTicks, svgEl, svgText } from './svg';

/** A point (μ, ν) of the mean/variance plane. */
export interface Moments {
  mean: number;
  variance: number;
}

export interface FixedPoint extends Moments {
  iterations: number;
  converged: boolean;
}

// Theorem 1's domain Ω and the region it proves the fixed point stays in, as `snn theory` uses them.
const OMEGA_DOMAIN = THEOREM1_DOMAIN;
const FIXED_POINT_BOUND = THEOREM1_BOUNDS;
// The plot window: a margin around Ω so the fixed point stays visible as ω and τ move.
const VIEW = { mean: [-0.15, 0.15] as [number, number], variance: [0.7, 1.8] as [number, number] };

/**
 * The fixed point of the mapping g for weights with sums ω and τ: iterates
 * (μ, ν) ← g(μ, ν; ω, τ) from `start` (default: the corner (0.1, 1.5) of Ω) until a step moves
 * less than `tolerance`.
 */
export function findFixedPoint(
  omega: number,
  tau: number,
  start: Moments = { mean: 0.1, variance: 1.5 },
  tolerance = 1e-12,
  maxIterations = 10_000,
): FixedPoint {
  let { mean, variance } = start;
  for (let i = 1; i <= maxIterations; i++) {
    const next = seluMoments({ mean, variance, omega, tau });
    const step = Math.max(Math.abs(next.mean - mean), Math.abs(next.variance - variance));
    mean = next.mean;
    variance = next.variance;
    if (!(Number.isFinite(mean) && Number.isFinite(variance))) break;
    if (step < tolerance) return { mean, variance, iterations: i, converged: true };
  }
  return { mean, variance, iterations: maxIterations, converged: false };
}

/** `steps` iterates of g from `start`, start included. */
export function trajectory(start: Moments, omega: number, tau: number, steps: number): Moments[] {
  const points = [start];
  for (let i = 0; i < steps; i++) {
    const last = points.at(-1)!;
    points.push(seluMoments({ mean: last.mean, variance: last.variance, omega, tau }));
  }
  return points;
}

const WIDTH = 560;
const HEIGHT = 440;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 58 };

/**
 * Draws the mapping g over the (μ, ν) plane for weights (ω, τ): arrows from (μ, ν) towards
 * g(μ, ν), the iterates of g from the corners of Ω, the fixed point and Theorem 1's bound on it.
 */
export function drawTheoryFigure(svg: SVGSVGElement, omega: number, tau: number): FixedPoint {
  clear(svg);
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('font-family', 'Helvetica, Arial, sans-serif');
  svg.setAttribute('font-size', '12');
  svgEl('rect', { width: WIDTH, height: HEIGHT, fill: '#ffffff' }, svg);
  const defs = svgEl('defs', {}, svg);
  const marker = svgEl(
    'marker',
    {
      id: 'theory-arrow',
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 5,
      markerHeight: 5,
      orient: 'auto',
    },
    defs,
  );
  svgEl('path', { d: 'M0,0L10,5L0,10z', fill: '#6b6b6b' }, marker);

  const x = linearScale(VIEW.mean, [MARGIN.left, WIDTH - MARGIN.right]);
  const y = linearScale(VIEW.variance, [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const box = (mean: readonly number[], variance: readonly number[], attributes: object) =>
    svgEl(
      'rect',
      {
        x: x(mean[0]!),
        y: y(variance[1]!),
        width: x(mean[1]!) - x(mean[0]!),
        height: y(variance[0]!) - y(variance[1]!),
        ...attributes,
      },
      svg,
    );

  box(OMEGA_DOMAIN.mean, OMEGA_DOMAIN.variance, { fill: '#f2f6fb', stroke: '#9ab' });
  box(FIXED_POINT_BOUND.mean, FIXED_POINT_BOUND.variance, {
    fill: 'none',
    stroke: '#7a7',
    'stroke-dasharray': '4 3',
  });
  for (const t of linearTicks(VIEW.mean[0], VIEW.mean[1], 6)) {
    svgText(svg, x(t), HEIGHT - MARGIN.bottom + 16, formatTick(t), {
      'text-anchor': 'middle',
      fill: '#333',
    });
  }
  for (const t of linearTicks(VIEW.variance[0], VIEW.variance[1], 6)) {
    svgText(svg, MARGIN.left - 6, y(t) + 4, formatTick(t), { 'text-anchor': 'end', fill: '#333' });
  }
  svgEl(
    'rect',
    {
      x: MARGIN.left,
      y: MARGIN.top,
      width: WIDTH - MARGIN.left - MARGIN.right,
      height: HEIGHT - MARGIN.top - MARGIN.bottom,
      fill: 'none',
      stroke: '#444',
    },
    svg,
  );
  svgText(svg, (x(VIEW.mean[0]) + x(VIEW.mean[1])) / 2, HEIGHT - 10, 'μ (mean)', {
    'text-anchor': 'middle',
    fill: '#333',
  });
  const midY = (y(VIEW.variance[0]) + y(VIEW.variance[1])) / 2;
  svgText(svg, 16, midY, 'ν (variance)', {
    'text-anchor': 'middle',
    fill: '#333',
    transform: `rotate(-90 16 ${midY})`,
  });

  // The vector field: one arrow per grid point, pointing from (μ, ν) to g(μ, ν). All arrows share
  // one scale factor so their lengths compare; the longest spans about one grid cell.
  const columns = 13;
  const rows = 12;
  const field: Array<{ from: Moments; to: Moments }> = [];
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < rows; j++) {
      const mean = VIEW.mean[0] + ((i + 0.5) / columns) * (VIEW.mean[1] - VIEW.mean[0]);
      const variance =
        VIEW.variance[0] + ((j + 0.5) / rows) * (VIEW.variance[1] - VIEW.variance[0]);
      field.push({ from: { mean, variance }, to: seluMoments({ mean, variance, omega, tau }) });
    }
  }
  const pixelLength = ({ from, to }: { from: Moments; to: Moments }) =>
    Math.hypot(x(to.mean) - x(from.mean), y(to.variance) - y(from.variance));
  const cell = Math.min(
    (WIDTH - MARGIN.left - MARGIN.right) / columns,
    (HEIGHT - MARGIN.top - MARGIN.bottom) / rows,
  );
  const scale = (0.9 * cell) / Math.max(1e-9, ...field.map(pixelLength));
  const arrows = svgEl('g', { stroke: '#6b6b6b', 'stroke-width': 1 }, svg);
  for (const { from, to } of field) {
    const x0 = x(from.mean);
    const y0 = y(from.variance);
    const x1 = x0 + (x(to.mean) - x0) * scale;
    const y1 = y0 + (y(to.variance) - y0) * scale;
    if (Math.hypot(x1 - x0, y1 - y0) < 1) continue;
    svgEl('line', { x1: x0, y1: y0, x2: x1, y2: y1, 'marker-end': 'url(#theory-arrow)' }, arrows);
  }

  // Theorem 1 in action: g iterated from the corners of Ω converges to the fixed point.
  const paths = svgEl('g', { fill: 'none', stroke: '#2b7bba', 'stroke-width': 1.3 }, svg);
  for (const mean of OMEGA_DOMAIN.mean) {
    for (const variance of OMEGA_DOMAIN.variance) {
      const points = trajectory({ mean, variance }, omega, tau, 25);
      const d = points.map(
        (p, i) => `${i ? 'L' : 'M'}${x(p.mean).toFixed(1)},${y(p.variance).toFixed(1)}`,
      );
      svgEl('path', { d: d.join('') }, paths);
      for (const p of points.slice(0, 8)) {
        svgEl(
          'circle',
          { cx: x(p.mean), cy: y(p.variance), r: 2, fill: '#2b7bba', stroke: 'none' },
          paths,
        );
      }
    }
  }

  const fixed = findFixedPoint(omega, tau);
  const inside =
    fixed.mean >= VIEW.mean[0] &&
    fixed.mean <= VIEW.mean[1] &&
    fixed.variance >= VIEW.variance[0] &&
    fixed.variance <= VIEW.variance[1];
  if (fixed.converged && inside) {
    svgEl(
      'circle',
      {
        cx: x(fixed.mean),
        cy: y(fixed.variance),
        r: 6,
        fill: '#d62728',
        stroke: '#fff',
        'stroke-width': 1.5,
      },
      svg,
    );
    // Label on the side with more room, so it is never cut off at the plot's edge.
    const right = x(fixed.mean) < (MARGIN.left + WIDTH - MARGIN.right) / 2;
    svgText(
      svg,
      x(fixed.mean) + (right ? 9 : -9),
      y(fixed.variance) - 8,
      `fixed point (${formatFixed(fixed.mean, 4)}, ${formatFixed(fixed.variance, 4)})`,
      { fill: '#d62728', 'font-weight': 'bold', 'text-anchor': right ? 'start' : 'end' },
    );
  }
  svgText(svg, x(OMEGA_DOMAIN.mean[0]) + 4, y(OMEGA_DOMAIN.variance[1]) + 14, 'Ω', {
    fill: '#579',
    'font-weight': 'bold',
  });
  return fixed;
}

/** `value.toFixed(digits)` without a minus sign on values that round to zero. */
function formatFixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? text.replace('-', '') : text;
}

/** A readable summary of the fixed point and the Jacobian of g there. */
export function describeFixedPoint(point: FixedPoint, omega: number, tau: number): string {
  if (!point.converged) {
    return `ω = ${omega.toFixed(3)}, τ = ${tau.toFixed(3)}: g did not converge from (0.1, 1.5) within ${point.iterations} steps.`;
  }
  const { jacobian, spectralNorm } = seluJacobian({
    mean: point.mean,
    variance: point.variance,
    omega,
    tau,
  });
  const row = (r: readonly number[]) => `[${r.map((v) => formatFixed(v, 6)).join(', ')}]`;
  const contraction = spectralNorm < 1 ? 'a contraction' : 'not a contraction';
  return (
    `ω = ${omega.toFixed(3)}, τ = ${tau.toFixed(3)}: fixed point μ* = ${formatFixed(point.mean, 5)}, ` +
    `ν* = ${formatFixed(point.variance, 5)} (${point.iterations} iterations of g from (0.1, 1.5)). ` +
    `Jacobian of g there: [${row(jacobian[0])}, ${row(jacobian[1])}], spectral norm ` +
    `${spectralNorm.toFixed(4)}: g is ${contraction} at its fixed point.`
  );
}

/** Wires the ω and τ sliders to the figure. */
export function mountTheoryFigure(root: HTMLElement): void {
  const svg = root.querySelector<SVGSVGElement>('svg')!;
  const omegaInput = root.querySelector<HTMLInputElement>('input[name="omega"]')!;
  const tauInput = root.querySelector<HTMLInputElement>('input[name="tau"]')!;
  const readout = root.querySelector<HTMLElement>('[data-role="fixed-point"]')!;
  const omegaValue = root.querySelector<HTMLElement>('[data-role="omega-value"]')!;
  const tauValue = root.querySelector<HTMLElement>('[data-role="tau-value"]')!;
  let pending = 0;
  const update = () => {
    pending = 0;
    const omega = Number(omegaInput.value);
    const tau = Number(tauInput.value);
    omegaValue.textContent = omega.toFixed(3);
    tauValue.textContent = tau.toFixed(3);
    const fixed = drawTheoryFigure(svg, omega, tau);
    readout.textContent = describeFixedPoint(fixed, omega, tau);
  };
  const schedule = () => {
    if (pending === 0) pending = requestAnimationFrame(update);
  };
  omegaInput.addEventListener('input', schedule);
  tauInput.addEventListener('input', schedule);
  root.querySelector('button[data-role="reset"]')?.addEventListener('click', () => {
    omegaInput.value = '0';
    tauInput.value = '1';
    update();
  });
  update();
}
