import type { VegaLiteSpec } from '../../common/plot';
import { paperUciGroupName, uciPaperRankDifference } from './uci-paper-figures';
import { type UciResult, uciShownGroups } from './uci-report';

const PAPER = 'paper, same group';

/**
 * The rank plot: each architecture's average rank difference to the mean rank (negative =
 * better than average), per dataset group, with the paper's figure for its own sets of that group
 * beside (121 sets, 75 small or 46 large; for the large sets the paper gives SNN's only).
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 1)
 */
export function uciRankPlot(result: UciResult): VegaLiteSpec {
  const values: Array<{ group: string; arch: string; source: string; difference: number }> = [];
  const groups: string[] = [];
  for (const g of uciShownGroups(result)) {
    const group = `${g.label}: ${g.datasets.length} sets (paper: ${paperUciGroupName(g.group)})`;
    groups.push(group);
    for (const arch of result.config.archs) {
      values.push({ group, arch, source: 'this run', difference: g.rankDifference[arch]! });
      const paper = uciPaperRankDifference(g.group, arch);
      if (paper !== null) values.push({ group, arch, source: PAPER, difference: paper });
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
          scale: { domain: ['this run', PAPER], range: ['#d62728', '#bbbbbb'] },
        },
      },
    },
  } as VegaLiteSpec;
}
