import { runBenchmark } from '../run-benchmark';
import type { RunInfo } from '../run/run-info';
import { type RunTox21Options, tox21Benchmark } from './tox21-benchmark';
import type { Tox21Result } from './tox21-report';

export type { RunTox21Options } from './tox21-benchmark';

/**
 * `snn tox21`: the paper's Tox21 protocol on the dense features. The loader's preprocessing
 * (constant features dropped, missing values imputed, standardized), 15% of the training compounds
 * for selection, a masked multi-task sigmoid network per configuration, test ROC-AUC averaged
 * over the 12 tasks; the grid repeated `repeats` times; results by depth. Writes `tox21.json`,
 * `tox21.md` and `tox21.svg`/`.png`.
 *
 * @example
 * const result = await runTox21({ dir: 'data/tox21', archs: ['snn', 'batchnorm'], grid: 'quick' });
 * console.log(result.best[0].auc.mean);
 * @see https://arxiv.org/abs/1706.02515 (Table 2)
 */
export function runTox21(options: RunTox21Options = {}): Promise<Tox21Result & { run: RunInfo }> {
  return runBenchmark(tox21Benchmark, options);
}
