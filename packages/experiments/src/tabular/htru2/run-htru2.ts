import { runBenchmark } from '../run-benchmark';
import type { RunInfo } from '../run/run-info';
import { type RunHtru2Options, htru2Benchmark } from './htru2-benchmark';
import type { Htru2Result } from './htru2-report';

export type { RunHtru2Options } from './htru2-benchmark';

/**
 * `snn htru2`: the paper's pulsar benchmark. 10-fold nested cross-validation (test fold M,
 * validation fold M − 1), the grid of every architecture per fold (resuming from the output
 * folder's store), ROC-AUC per fold, mean ± std, Wilcoxon across folds; writes `htru2.json`,
 * `htru2.md` and `htru2.svg`/`.png`.
 *
 * @example
 * const result = await runHtru2({ archs: ['snn'], grid: 'quick', file: 'HTRU2.zip' });
 * console.log(result.results[0].auc.mean); // ≈ 0.98
 * @see https://arxiv.org/abs/1706.02515 (Table 3)
 */
export function runHtru2(options: RunHtru2Options = {}): Promise<Htru2Result & { run: RunInfo }> {
  return runBenchmark(htru2Benchmark, options);
}
