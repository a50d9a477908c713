import { runBenchmark } from '../run-benchmark';
import type { RunInfo } from '../run/run-info';
import { type RunUciOptions, uciBenchmark } from './uci-benchmark';
import type { UciResult } from './uci-report';

export type { RunUciOptions } from './uci-benchmark';

/**
 * `snn uci`: the paper's UCI-121 comparison. Trains the grid of every architecture on every
 * dataset (resuming from the output folder's result store), selects a model per dataset and
 * architecture on the validation part, and writes `uci.json`, `uci.md` and the rank plot
 * `uci-ranks.svg`/`.png` once the grid is complete.
 *
 * @example
 * const result = await runUci({ datasets: ['iris', 'wine'], archs: ['snn', 'batchnorm'],
 *   grid: 'quick', archive: '../shared/data/uci121/data.tar.gz', out: 'results/uci' });
 * console.log(result.ranks.all?.averageRank);
 * @see https://arxiv.org/abs/1706.02515 (Table 1, appendix A4)
 */
export function runUci(options: RunUciOptions = {}): Promise<UciResult & { run: RunInfo }> {
  return runBenchmark(uciBenchmark, options);
}
