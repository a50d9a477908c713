import type { VegaLiteSpec } from '../../common/plot';
import { PAPER_RESULTS } from '../report/paper-results';
import type { Htru2Result } from './htru2-report';

/**
 * ROC-AUC of every test fold (points) and the mean (black tick) per architecture, with the
 * paper's mean (grey tick).
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 3)
 */
export function htru2Plot(result: Htru2Result): VegaLiteSpec {
  const folds = result.results.flatMap((r) =>
    r.auc.folds.map((auc, i) => ({ arch: r.arch, fold: i + 1, auc })),
  );
  const means = result.results.flatMap((r) => [
    { arch: r.arch, source: 'this run (mean)', auc: r.auc.mean },
    { arch: r.arch, source: 'paper (mean)', auc: PAPER_RESULTS.htru2Auc[r.arch] },
  ]);
  const archs = [...result.results].sort((a, b) => b.auc.mean - a.auc.mean).map((r) => r.arch);
  const y = { field: 'arch', type: 'nominal', title: null, sort: archs } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'HTRU2: test ROC-AUC per fold',
    width: 420,
    height: 26 * Math.max(1, archs.length),
    layer: [
      {
        data: { values: folds },
        mark: { type: 'point', filled: true, opacity: 0.6, color: '#d62728' },
        encoding: {
          y,
          x: { field: 'auc', type: 'quantitative', title: 'ROC-AUC', scale: { zero: false } },
        },
      },
      {
        data: { values: means },
        mark: { type: 'tick', thickness: 3 },
        encoding: {
          y,
          x: { field: 'auc', type: 'quantitative' },
          color: {
            field: 'source',
            type: 'nominal',
            title: null,
            scale: { domain: ['this run (mean)', 'paper (mean)'], range: ['#000000', '#aaaaaa'] },
          },
        },
      },
    ],
  } as VegaLiteSpec;
}
