import type { Architecture } from '../grid/architectures';
import {
  configurationsLine,
  fixed,
  markdownTable,
  pValue,
  protocolLine,
  signed,
} from '../report/format';
import { paperUciGroupName, uciPaperRankDifference } from './uci-paper-figures';
import { type UciRankGroup, type UciResult, selectedDepths, uciShownGroups } from './uci-report';

/**
 * `uci.md`: the protocol, the average ranks of the architectures with their difference to the
 * mean rank and Wilcoxon p-values against the best (all datasets, < 1000 and ≥ 1000 samples),
 * the paper's rank differences beside them, and the test accuracy of every dataset.
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 1)
 */
export function uciMarkdown(result: UciResult): string {
  const { config } = result;
  const archs = config.archs;
  const configs = configurationsLine(config);
  const split =
    config.split === 'paper'
      ? 'first train/test pair of `conxuntos_kfold.dat`'
      : 'the four train/test pairs of `conxuntos_kfold.dat`, averaged';
  const lines: string[] = [
    '# UCI-121: self-normalizing networks against six other network types',
    '',
    `Test split: ${split}; validation: a stratified ${Math.round(config.validationFraction * 100)}% of each training part. ${protocolLine(config.grid)}`,
    `Configurations per dataset: ${configs}. Seed ${config.seed}${config.backend ? `, backend ${config.backend}` : ''}.`,
    '',
    '## Average rank (1 = best; lower is better)',
    '',
  ];
  const groups = uciShownGroups(result);
  const header = ['network'];
  for (const g of groups) {
    header.push(
      `rank ${g.label} (${g.datasets.length})`,
      `s.e. ${g.label}`,
      `Δ mean ${g.label}`,
      `p one-sided vs ${g.best} ${g.label}`,
      `p two-sided ${g.label}`,
      `sets ${g.best} better / worse / tied ${g.label}`,
    );
  }
  // The paper's figures on the same groups of sets: per network on its 75 small sets (its
  // appendix); on its 46 large sets only SNN's is known; all 121 (Table 1).
  type PaperColumn = [title: string, value: (arch: Architecture) => number | null];
  const paperGroups = (['small', 'large'] as const).filter((g) => result.ranks[g] !== null);
  const paperColumns: PaperColumn[] = [...paperGroups, 'all' as const].map((g) => [
    `paper: Δ mean (${paperUciGroupName(g)})`,
    (arch) => uciPaperRankDifference(g, arch),
  ]);
  header.push(...paperColumns.map(([title]) => title));
  const order = [...archs].sort(
    (a, b) => (result.ranks.all?.averageRank[a] ?? 0) - (result.ranks.all?.averageRank[b] ?? 0),
  );
  const rows = order.map((arch) => {
    const cells: string[] = [arch];
    for (const g of groups) cells.push(...groupCells(g, arch));
    cells.push(...paperColumns.map(([, value]) => signed(value(arch), 3)));
    return cells;
  });
  lines.push(
    result.ranks.all
      ? markdownTable(header, rows)
      : '_No dataset has results for every architecture yet._',
  );
  lines.push(
    '',
    `Δ mean = average rank − ${(archs.length + 1) / 2} (the mean rank of ${archs.length} methods); s.e. = standard error of the average rank (standard deviation of the per-set ranks over √sets: two average ranks closer than about two of these are no order); ${WILCOXON_NOTE}`,
  );
  if (result.results.length > 0) {
    lines.push('', '## Depth of the selected models', '', DEPTH_NOTE, '');
    const depths = selectedDepths(result);
    const depthRows = archs.map((arch) => [
      arch,
      (depths[arch] ?? [])
        .map(({ depth, count }) => `${depth} ${arch === 'resnet' ? 'blocks' : 'layers'}: ${count}`)
        .join(', '),
    ]);
    lines.push(markdownTable(['network', 'selected (sets × splits)'], depthRows));
  }
  lines.push('', '## Test accuracy per dataset', '');
  const byKey = new Map(result.results.map((r) => [`${r.dataset}/${r.arch}`, r]));
  const accRows = config.datasets
    .filter((d) => !result.incomplete.includes(d.name))
    .map((d) => {
      const values = archs.map((a) => byKey.get(`${d.name}/${a}`)?.testAccuracy ?? null);
      const top = Math.max(...values.map((v) => v ?? Number.NEGATIVE_INFINITY));
      return [
        d.name,
        String(d.samples),
        ...values.map((v) => (v !== null && v === top ? `**${fixed(v, 4)}**` : fixed(v, 4))),
      ];
    });
  lines.push(markdownTable(['dataset', 'samples', ...archs], accRows));
  if (result.incomplete.length > 0) {
    lines.push('', `Not ranked yet (configurations missing): ${result.incomplete.join(', ')}.`);
  }
  if (config.skipped.length > 0) {
    lines.push('', 'Skipped (could not be loaded):');
    for (const s of config.skipped) lines.push(`- ${s.dataset}: ${s.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

const WILCOXON_NOTE = [
  'p = paired Wilcoxon signed-rank test of the accuracies against the best network, one-sided',
  '(the network is worse than the best; the paper reports these) and two-sided',
  '(exact for ≤ 50 non-zero differences without ties, normal approximation otherwise).',
  'Compare a group with the paper on the same group of sets: the columns "75 small sets" and "46 large sets"',
  "(the paper gives only SNN's figure for its large sets; about −0.98).",
].join(' ');

const DEPTH_NOTE =
  'How often model selection picked each depth of the grid, over the ranked sets (ResNet counts blocks of two layers).';

function groupCells(g: UciRankGroup, arch: Architecture): string[] {
  const test = g.wilcoxon[arch];
  const versus = g.versusBest[arch];
  return [
    fixed(g.averageRank[arch], 3),
    fixed(g.rankStandardError[arch], 2),
    signed(g.rankDifference[arch], 3),
    arch === g.best ? 'best' : pValue(test?.pValueLess),
    arch === g.best ? '' : pValue(test?.pValue),
    versus ? `${versus.bestBetter} / ${versus.bestWorse} / ${versus.tied}` : '',
  ];
}
