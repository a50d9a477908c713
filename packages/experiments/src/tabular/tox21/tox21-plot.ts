import type { VegaLiteSpec } from '../../common/plot';
import { PAPER_RESULTS } from '../report/paper-results';
import type { Tox21Result } from './tox21-report';

/**
 * Test ROC-AUC against the number of hidden layers, one line per architecture (SNN red,
 * BatchNorm blue as in the paper's figures), with the paper's SNN values dashed.
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function tox21Plot(result: Tox21Result): VegaLiteSpec {
  const values: Array<{ series: string; depth: number; auc: number; paper: boolean }> =
    result.results.map((r) => ({
      series: r.arch as string,
      depth: r.depth,
      auc: r.auc.mean,
      paper: false,
    }));
  for (const [depth, auc] of Object.entries(PAPER_RESULTS.tox21AucByDepth.snn!)) {
    values.push({ series: 'paper: snn', depth: Number(depth), auc: auc / 100, paper: true });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Tox21: test ROC-AUC (mean over 12 tasks) by depth',
    width: 420,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'depth',
        type: 'quantitative',
        title: 'hidden layers',
        scale: { type: 'log', base: 2 },
      },
      y: { field: 'auc', type: 'quantitative', title: 'ROC-AUC', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
      strokeDash: { field: 'paper', type: 'nominal', legend: null },
    },
  } as VegaLiteSpec;
}
