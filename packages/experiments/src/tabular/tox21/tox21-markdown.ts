import { configurationsLine, fixed, markdownTable, protocolLine } from '../report/format';
import { PAPER_RESULTS } from '../report/paper-results';
import type { Tox21Result } from './tox21-report';

/**
 * `tox21.md`: test ROC-AUC × 100 (mean over the 12 tasks) by architecture and depth, the paper's
 * SNN row beside, and each architecture's best model over the whole grid.
 *
 * @see https://arxiv.org/abs/1706.02515 (Tox21 table)
 */
export function tox21Markdown(result: Tox21Result): string {
  const { config } = result;
  const depths = [...new Set(result.results.map((r) => r.depth))].sort((a, b) => a - b);
  const cell = new Map(result.results.map((r) => [`${r.arch}/${r.depth}`, r.auc]));
  const configs = configurationsLine(config);
  const rows = config.archs.map((arch) => [
    arch,
    ...depths.map((d) => {
      const auc = cell.get(`${arch}/${d}`);
      if (!auc) return '—';
      return config.repeats > 1
        ? `${fixed(auc.mean * 100, 1)} ± ${fixed(auc.std * 100, 1)}`
        : fixed(auc.mean * 100, 1);
    }),
  ]);
  const paper = PAPER_RESULTS.tox21AucByDepth.snn!;
  rows.push(['paper: SNN', ...depths.map((d) => fixed(paper[d], 1))]);
  const lines = [
    '# Tox21: mean ROC-AUC over 12 toxicity tasks, by network depth',
    '',
    `${config.dataset.train} training compounds (${Math.round(config.validationFraction * 100)}% held out for selection), ${config.dataset.test} test compounds, ${config.dataset.features} dense features; missing labels masked in the loss and the AUC. ${config.repeats} repeat(s) with different seeds. ${protocolLine(config.grid)}`,
    `Configurations: ${configs}. Seed ${config.seed}${config.backend ? `, backend ${config.backend}` : ''}.`,
    '',
    '## Test ROC-AUC × 100 by number of hidden layers',
    '',
    markdownTable(['network', ...depths.map(String)], rows),
    '',
    '## Best model per network (selected over all depths)',
    '',
    markdownTable(
      ['network', 'AUC mean ± std', 'layers (repeat 1)', 'configuration (repeat 1)'],
      result.best.map((b) => [
        b.arch,
        `${fixed(b.auc.mean, 4)} ± ${fixed(b.auc.std, 4)}`,
        String(b.selected[0]?.config.depth ?? '—'),
        `\`${b.selected[0]?.configId ?? '—'}\``,
      ]),
    ),
    '',
    `Paper: best SNN ${PAPER_RESULTS.tox21BestSnn.mean} ± ${PAPER_RESULTS.tox21BestSnn.std} (8 layers); DeepTox ensemble 0.846.`,
  ];
  if (result.incomplete.length > 0) {
    lines.push('', `Missing results for: ${result.incomplete.join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}
