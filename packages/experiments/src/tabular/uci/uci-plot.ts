import type { VegaLiteSpec } from '../../common/plot';
import { PAPER_RESULTS } from '../report/paper-results';
import { type UciResult, uciShownGroups } from './uci-report';

/**
 * The rank plot: each architecture's average rank difference to the mean rank (negative =
 * better than average), per dataset group, with the paper's values for all 121 datasets beside.
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 1)
 */
export function uciRankPlot(result: UciResult): VegaLiteSpec {
  const values: Array<{ group: string; arch: string; source: string; difference: number }> = [];
  const groups: string[] = [];
  for (const g of uciShownGroups(result)) {
    const group = `${g.label} (${g.datasets.length} sets)`;
    groups.push(group);
    for (const arch of result.config.archs) {
      values.push({ group, arch, source: 'this run', difference: g.rankDifference[arch]! });
      if (g.label === 'all') {
        const paper = PAPER_RESULTS.uciRankDifference[arch];
        values.push({ group, arch, source: 'paper (121 sets)', difference: paper });
      }
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'UCI: average rank difference to the mean rank (lower is better)',
    data: { values },
    facet: { column: { field: 'group', type: 'nominal', title: null, sort: groups } },
    spec: {
      width: 220,
      height: 24 * result.config.archs.length,
      mark: 'bar',
      encoding: {
        y: { field: 'arch', type: 'nominal', title: null, sort: result.config.archs },
        yOffset: { field: 'source', type: 'nominal' },
        x: { field: 'difference', type: 'quantitative', title: 'rank − mean rank' },
        color: {
          field: 'source',
          type: 'nominal',
          title: null,
          scale: { domain: ['this run', 'paper (121 sets)'], range: ['#d62728', '#bbbbbb'] },
        },
      },
    },
  } as VegaLiteSpec;
}
