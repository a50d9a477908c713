import type { VegaLiteSpec } from '../common/plot';
import type { Figure1Arch } from './figure1-config';
import type { Figure1Result } from './figure1-result';
import { figure1Smoothness } from './figure1-smoothness';

// ColorBrewer Reds and Blues (9 classes), light to dark; the paper draws SNNs red, BatchNorm blue.
const REDS = [
  '#fee0d2',
  '#fcbba1',
  '#fc9272',
  '#fb6a4a',
  '#ef3b2c',
  '#cb181d',
  '#a50f15',
  '#67000d',
];
const BLUES = [
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
];

const ARCH_NAMES: Record<Figure1Arch, string> = { snn: 'SNN', batchnorm: 'BatchNorm' };

/** `count` shades of `palette`, from medium to dark (the lightest are invisible on white). */
function shades(palette: readonly string[], count: number): string[] {
  const from = 2;
  const to = palette.length - 1;
  if (count === 1) return [palette[5]!];
  return Array.from(
    { length: count },
    (_, i) => palette[Math.round(from + ((to - from) * i) / (count - 1))]!,
  );
}

/** The legend label of a curve, e.g. `SNN, 16 layers`. */
export function figure1CurveLabel(arch: Figure1Arch, depth: number, diverged = false): string {
  return `${ARCH_NAMES[arch]}, ${depth} layers${diverged ? ' (diverged)' : ''}`;
}

/**
 * A Vega-Lite spec of a Figure 1 result drawn like the paper's Figure 1: training loss (log scale)
 * against epochs, BatchNorm curves in shades of blue and SNN curves in shades of red (darker =
 * deeper). The subtitle states the smoothness measures of `figure1Smoothness` per architecture.
 */
export function figure1Spec(result: Figure1Result): VegaLiteSpec {
  const { config } = result;
  const depths = [...config.depths].sort((a, b) => a - b);
  const labels: string[] = [];
  const colors: string[] = [];
  for (const arch of ['batchnorm', 'snn'] as const) {
    if (!config.archs.includes(arch)) continue;
    const palette = shades(arch === 'snn' ? REDS : BLUES, depths.length);
    depths.forEach((depth, i) => {
      const diverged = result.curves.some(
        (c) => c.arch === arch && c.depth === depth && c.diverged,
      );
      labels.push(figure1CurveLabel(arch, depth, diverged));
      colors.push(palette[i]!);
    });
  }
  const rows = result.curves.flatMap((c) =>
    c.loss.map((loss, epoch) => ({
      curve: figure1CurveLabel(c.arch, c.depth, c.diverged === true),
      epoch,
      loss,
    })),
  );
  const ends = result.curves
    .filter((c) => c.diverged)
    .map((c) => ({
      curve: figure1CurveLabel(c.arch, c.depth, true),
      epoch: c.loss.length - 1,
      loss: c.loss.at(-1),
    }));
  const { increaseShare: ups, wiggleShare: wiggles } = figure1Smoothness(result.curves);
  const pct = (v: number | undefined) =>
    v === undefined || Number.isNaN(v) ? '–' : `${(100 * v).toFixed(0)}%`;
  const dataName =
    config.dataset === 'mnist'
      ? 'MNIST'
      : config.dataset === 'cifar10'
        ? 'CIFAR-10'
        : 'Fashion-MNIST';
  const color = {
    field: 'curve',
    type: 'nominal',
    title: null,
    scale: { domain: labels, range: colors },
    legend: { orient: 'right', labelLimit: 300 },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 560,
    height: 360,
    title: {
      text: `${dataName}: training loss of SNN vs BatchNorm networks`,
      subtitle: [
        `${config.trainSize} training rows (${config.source}), width ${config.width}, SGD lr ${config.lr}, batch ${config.batch}, seed ${config.seed}`,
        `epochs where the loss rose: ${config.archs
          .map((a) => `${ARCH_NAMES[a]} ${pct(ups[a])}`)
          .join(', ')}`,
        `epochs where the curve's bend flipped: ${config.archs
          .map((a) => `${ARCH_NAMES[a]} ${pct(wiggles[a])}`)
          .join(', ')}`,
      ],
      fontSize: 15,
    },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x: {
            field: 'epoch',
            type: 'quantitative',
            title: 'epoch',
            scale: { domain: [0, config.epochs], nice: false },
            axis: { tickMinStep: 1, format: 'd' },
          },
          y: {
            field: 'loss',
            type: 'quantitative',
            title: 'training loss (cross-entropy, log scale)',
            scale: { type: 'log', nice: false, padding: 8 },
          },
          color,
        },
      },
      {
        data: { values: ends },
        mark: { type: 'point', shape: 'cross', size: 120, filled: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'loss', type: 'quantitative' },
          color,
        },
      },
    ],
  } as unknown as VegaLiteSpec;
}
