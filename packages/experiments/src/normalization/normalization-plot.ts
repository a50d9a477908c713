import type { VegaLiteSpec } from '../common/plot';
import type { NormalizationResult } from './compute-normalization';

/**
 * A Vega-Lite spec of {@link computeNormalization}'s result: per-layer activation mean (left,
 * symmetric log scale) and variance (right, log scale) for each initialization, with Theorem 1's domain (mean ∈ [−0.1, 0.1],
 * variance ∈ [0.8, 1.5]) shaded.
 */
export function normalizationSpec(result: NormalizationResult): VegaLiteSpec {
  const rows = result.series.flatMap((s) =>
    s.layers.map((l) => ({ init: s.label, layer: l.layer, mean: l.mean, variance: l.variance })),
  );
  const color = {
    field: 'init',
    type: 'nominal',
    title: 'kernel initializer (SELU, zero bias)',
    scale: {
      domain: result.series.map((s) => s.label),
      range: ['#2ca02c', '#ff7f0e', '#9467bd'],
    },
    legend: { orient: 'bottom', direction: 'vertical', labelLimit: 500, titleLimit: 500 },
  } as const;
  const x = {
    field: 'layer',
    type: 'quantitative',
    title: 'layer (0 = input)',
    scale: { domain: [0, result.config.depth], nice: false },
  } as const;
  const panel = (
    field: 'mean' | 'variance',
    band: [number, number],
    title: string,
    scale: Record<string, unknown>,
    ticks?: number[],
  ) => ({
    width: 380,
    height: 260,
    title,
    layer: [
      {
        data: { values: [{ lo: band[0], hi: band[1] }] },
        mark: { type: 'rect', color: '#bbb', opacity: 0.25 },
        encoding: {
          y: { field: 'lo', type: 'quantitative' },
          y2: { field: 'hi' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'line', point: { size: 18 } },
        encoding: {
          x,
          y: {
            field,
            type: 'quantitative',
            title: `activation ${field}`,
            scale,
            ...(ticks ? { axis: { values: ticks, format: '~g', labelOverlap: false } } : {}),
          },
          color,
        },
      },
    ],
  });
  const { depth, width, samples, input } = result.config;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `Activations through ${depth} × [Dense(${width}) + SELU]`,
      subtitle: `${samples} rows of ${input}; shaded: Theorem 1's domain`,
      fontSize: 15,
    },
    hconcat: [
      // symlog: linear near 0 (where the SNN stays), logarithmic where He init drifts away.
      panel(
        'mean',
        [-0.1, 0.1],
        'mean per layer (symmetric log scale)',
        { type: 'symlog', constant: 0.05 },
        [-1, -0.1, 0, 0.1, 1, 3, 10, 30, 100],
      ),
      panel('variance', [0.8, 1.5], 'variance per layer (log scale)', { type: 'log' }),
    ],
    spacing: 40,
  } as unknown as VegaLiteSpec;
}
