import type { VegaLiteSpec } from '../common/plot';
import type { TheoryResult } from './compute-theory';

const WIDTH = 400;
const HEIGHT = 320;

/**
 * A Vega-Lite spec of the paper's Figure 2 from {@link computeTheory}'s result: left, the vector
 * field g(μ, ν) − (μ, ν) (ω = 0, τ = 1) with the fixed point (0, 1); right, g iterated from the
 * 16 corners of Ω with Theorem 1's bounds on the fixed point as a dashed box.
 */
export function theorySpec(result: TheoryResult): VegaLiteSpec {
  const [m0, m1] = result.config.meanRange;
  const [v0, v1] = result.config.varianceRange;
  const xPerMean = WIDTH / (m1 - m0);
  const yPerVariance = HEIGHT / (v1 - v0);
  const cell = Math.min(WIDTH, HEIGHT) / (result.config.grid - 1);
  const longest = Math.max(
    ...result.vectorField.map((a) => Math.hypot(a.dMean * xPerMean, a.dVariance * yPerVariance)),
  );
  // Arrow lengths are proportional to the step of g; the longest spans 90% of a grid cell.
  const scale = longest > 0 ? (0.9 * cell) / longest : 0;
  const arrows = result.vectorField.map((a) => {
    const dx = a.dMean * xPerMean;
    const dyUp = a.dVariance * yPerVariance;
    return {
      mean: a.mean,
      variance: a.variance,
      meanEnd: a.mean + a.dMean * scale,
      varianceEnd: a.variance + a.dVariance * scale,
      // Degrees clockwise from "up" on screen, where y grows downwards.
      angle: (Math.atan2(dx, dyUp) * 180) / Math.PI,
      step: Math.hypot(a.dMean, a.dVariance),
    };
  });
  const [[j00, j01], [j10, j11]] = result.jacobian;
  const f = (x: number) => x.toFixed(4);
  const x = {
    type: 'quantitative',
    title: 'mean μ',
    scale: { domain: [m0, m1], nice: false, zero: false },
  } as const;
  const y = {
    type: 'quantitative',
    title: 'variance ν',
    scale: { domain: [v0, v1], nice: false, zero: false },
  } as const;

  const paths = result.theorem1.corners.flatMap((c, id) =>
    c.path.map((p, step) => ({
      id,
      step,
      mean: p.mean,
      variance: p.variance,
      weights: `ω=${c.start.omega}, τ=${c.start.tau}`,
    })),
  );
  const ends = result.theorem1.corners.map((c) => ({
    mean: c.end.mean,
    variance: c.end.variance,
    weights: `ω=${c.start.omega}, τ=${c.start.tau}`,
  }));
  const { bounds } = result.theorem1;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'SELU mean/variance map g (Klambauer et al. 2017, Figure 2 and Theorem 1)',
      fontSize: 15,
    },
    hconcat: [
      {
        width: WIDTH,
        height: HEIGHT,
        title: {
          text: 'g(μ, ν) − (μ, ν) for ω = 0, τ = 1',
          subtitle: [
            `fixed point (${f(result.fixedPoint.mean)}, ${f(result.fixedPoint.variance)})`,
            `Jacobian [[${f(j00)}, ${f(j01)}], [${f(j10)}, ${f(j11)}]]`,
            `spectral norm ${f(result.spectralNorm)} ${result.contraction ? '< 1: a contraction' : '≥ 1'}`,
          ],
        },
        layer: [
          {
            data: { values: arrows },
            mark: { type: 'rule', clip: true, strokeWidth: 1.4 },
            encoding: {
              x: { field: 'mean', ...x },
              y: { field: 'variance', ...y },
              x2: { field: 'meanEnd' },
              y2: { field: 'varianceEnd' },
              color: {
                field: 'step',
                type: 'quantitative',
                title: '|g − id|',
                scale: { scheme: 'viridis' },
              },
            },
          },
          {
            data: { values: arrows },
            mark: { type: 'point', shape: 'triangle', filled: true, size: 22, clip: true },
            encoding: {
              x: { field: 'meanEnd', ...x },
              y: { field: 'varianceEnd', ...y },
              angle: { field: 'angle', type: 'quantitative', scale: null },
              color: { field: 'step', type: 'quantitative' },
            },
          },
          {
            data: { values: [{ ...result.fixedPoint, label: 'fixed point' }] },
            mark: { type: 'point', shape: 'diamond', filled: true, size: 160, color: '#d62728' },
            encoding: { x: { field: 'mean', ...x }, y: { field: 'variance', ...y } },
          },
        ],
      },
      {
        width: WIDTH,
        height: HEIGHT,
        title: {
          text: 'Theorem 1: g iterated from the 16 corners of Ω',
          subtitle: [
            "dashed: the paper's bounds on the fixed point,",
            `μ ∈ [${bounds.mean.join(', ')}], ν ∈ [${bounds.variance.join(', ')}]`,
            result.theorem1.holds
              ? 'every corner converges inside them'
              : 'NOT every corner converges inside them',
          ],
        },
        layer: [
          {
            data: {
              values: [
                {
                  mean: bounds.mean[0],
                  meanEnd: bounds.mean[1],
                  variance: bounds.variance[0],
                  varianceEnd: bounds.variance[1],
                },
              ],
            },
            mark: { type: 'rect', fill: null, stroke: '#444', strokeDash: [5, 4] },
            encoding: {
              x: { field: 'mean', ...x },
              x2: { field: 'meanEnd' },
              y: { field: 'variance', ...y },
              y2: { field: 'varianceEnd' },
            },
          },
          {
            data: { values: paths },
            mark: { type: 'line', point: { size: 10 }, strokeWidth: 1, opacity: 0.8, clip: true },
            encoding: {
              x: { field: 'mean', ...x },
              y: { field: 'variance', ...y },
              detail: { field: 'id', type: 'nominal' },
              order: { field: 'step', type: 'quantitative' },
              color: { field: 'weights', type: 'nominal', title: 'weights' },
            },
          },
          {
            data: { values: ends },
            mark: { type: 'point', shape: 'cross', filled: true, size: 120, stroke: 'black' },
            encoding: {
              x: { field: 'mean', ...x },
              y: { field: 'variance', ...y },
              color: { field: 'weights', type: 'nominal' },
            },
          },
        ],
      },
    ],
    spacing: 40,
    resolve: { scale: { color: 'independent' } },
  } as unknown as VegaLiteSpec;
}
