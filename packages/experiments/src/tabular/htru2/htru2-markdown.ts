import { configurationsLine, fixed, markdownTable, pValue, protocolLine } from '../report/format';
import { PAPER_RESULTS } from '../report/paper-results';
import type { Htru2Result } from './htru2-report';

/**
 * `htru2.md`: mean ± std ROC-AUC over the 10 folds per architecture, the Wilcoxon p-value
 * against the best, the paper's AUC beside, and the AUC of every fold.
 *
 * @see https://arxiv.org/abs/1706.02515 (Table 3)
 */
export function htru2Markdown(result: Htru2Result): string {
  const { config } = result;
  const configs = configurationsLine(config);
  const lines = [
    '# HTRU2: pulsar candidates, 10-fold nested cross-validation',
    '',
    `${config.dataset.samples} candidates (${config.dataset.positives} pulsars), ${config.dataset.features} features. Test fold M, validation fold M − 1 (fold 10 for M = 1), training the other eight; features standardized on the training folds. ${protocolLine(config.grid)}`,
    `Configurations per fold: ${configs}. Seed ${config.seed}${config.backend ? `, backend ${config.backend}` : ''}.`,
    '',
  ];
  const sorted = [...result.results].sort((a, b) => b.auc.mean - a.auc.mean);
  const best = result.wilcoxon?.best;
  lines.push(
    markdownTable(
      ['network', 'AUC mean ± std', `p one-sided vs ${best ?? 'best'}`, 'p two-sided', 'paper AUC'],
      sorted.map((r) => [
        r.arch,
        `${fixed(r.auc.mean, 4)} ± ${fixed(r.auc.std, 4)}`,
        r.arch === best ? 'best' : pValue(result.wilcoxon?.tests[r.arch]?.pValueLess),
        r.arch === best ? '' : pValue(result.wilcoxon?.tests[r.arch]?.pValue),
        fixed(PAPER_RESULTS.htru2Auc[r.arch], 4),
      ]),
    ),
    '',
    'p = paired Wilcoxon signed-rank test across the folds (exact), one-sided (the network is worse than the best, as the paper reports) and two-sided. Paper: SNN 0.9803 ± 0.010; previous best (naive Bayes) 0.976.',
    '',
    '## ROC-AUC per test fold',
    '',
    markdownTable(
      ['network', ...Array.from({ length: config.folds }, (_, i) => `fold ${i + 1}`)],
      sorted.map((r) => [r.arch, ...r.auc.folds.map((v) => fixed(v, 4))]),
    ),
  );
  if (result.incomplete.length > 0) {
    lines.push('', `Missing results for: ${result.incomplete.join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}
