import { fixed, markdownTable } from '../tabular/report/format';
import type { UciSeedSpread } from '../tabular/uci/uci-seed-spread';

/** Which sets a {@link UciSeedSpread} group covers, in words. */
const GROUP_WORDS = { all: 'all sets', small: 'sets < 1000 samples', large: 'sets ≥ 1000 samples' };

/**
 * `uci-seeds.md`: per dataset group, each architecture's average rank and place under every
 * seed, the range of its average rank, the mean change of its rank on one set, the standard
 * error that change implies for an average rank, and the mean change of its test accuracy.
 *
 * @example
 * uciSeedsMarkdown([uciSeedSpread([seed1, seed2], 'small')], ['runs/s1', 'runs/s2']);
 */
export function uciSeedsMarkdown(
  spreads: readonly UciSeedSpread[],
  runs: readonly string[],
): string {
  const seeds = spreads[0]?.seeds ?? [];
  const lines = [
    '# UCI: how far the ranking moves between seeds',
    '',
    `Runs that differ only in their seed: ${runs.map((run, i) => `\`${run}\` (seed ${seeds[i]})`).join(', ')}.`,
    'Ranks are recomputed on the sets complete in every run (1 = best of the architectures, ties share their mean rank).',
    '',
  ];
  for (const spread of spreads) {
    lines.push(`## ${GROUP_WORDS[spread.group]} (${spread.datasets.length})`, '');
    const header = [
      'network',
      ...spread.seeds.map((s) => `average rank, seed ${s}`),
      `place, seed ${spread.seeds.join(' / ')}`,
      'range of the average rank',
      'mean absolute change of the rank on one set',
      's.e. of a change in average rank',
      'mean absolute change of test accuracy',
    ];
    const rows = spread.rows.map((row) => [
      row.arch,
      ...row.averageRank.map((r) => fixed(r, 3)),
      row.place.map((p) => String(p)).join(' / '),
      fixed(row.rankRange, 3),
      fixed(row.meanSetRankChange, 2),
      fixed(row.rankChangeStandardError, 3),
      fixed(row.meanAccuracyChange, 4),
    ]);
    const align = header.map((_, i) => (i === 0 ? '---' : '--:'));
    lines.push(markdownTable(header, rows, align), '');
    lines.push(
      `Best by average rank: ${spread.best.map((b, i) => `${b} (seed ${spread.seeds[i]})`).join(', ')}.`,
      '',
    );
  }
  lines.push(
    'range = largest − smallest average rank over the seeds; s.e. = sd over the sets of (rank under one seed − rank under the other) / √sets, averaged over pairs of seeds: a change of the average rank of about twice this size is what seed noise alone makes.',
    '',
  );
  return lines.join('\n');
}
