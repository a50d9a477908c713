import type { VegaLiteSpec } from '../common/plot';
import type { UciSeedSpread } from '../tabular/uci/uci-seed-spread';

/**
 * The seed plot: each architecture's average rank under every seed, one point per seed joined by
 * a line, one panel per dataset group; a long line is a ranking the seed moves.
 *
 * @example
 * await writePlot(out, 'uci-seeds', uciSeedsPlot([uciSeedSpread([seed1, seed2])]));
 */
export function uciSeedsPlot(spreads: readonly UciSeedSpread[]): VegaLiteSpec {
  const values: Array<{ group: string; arch: string; seed: string; rank: number }> = [];
  const groups: string[] = [];
  for (const spread of spreads) {
    const group = `${spread.group} (${spread.datasets.length} sets)`;
    groups.push(group);
    for (const row of spread.rows) {
      row.averageRank.forEach((rank, i) => {
        values.push({ group, arch: row.arch, seed: `seed ${spread.seeds[i]}`, rank });
      });
    }
  }
  const order = spreads[0]?.rows.map((r) => r.arch) ?? [];
  const y = { field: 'arch', type: 'nominal', title: null, sort: order };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'UCI: average rank under each seed (lower is better)',
    data: { values },
    facet: { column: { field: 'group', type: 'nominal', title: null, sort: groups } },
    spec: {
      width: 260,
      height: 26 * order.length,
      layer: [
        {
          mark: { type: 'line', color: '#999999' },
          encoding: {
            y,
            x: { field: 'rank', type: 'quantitative', title: 'average rank' },
            detail: { field: 'arch', type: 'nominal' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y,
            x: { field: 'rank', type: 'quantitative', scale: { zero: false } },
            color: { field: 'seed', type: 'nominal', title: null },
          },
        },
      ],
    },
  } as VegaLiteSpec;
}
