import { type Split, loadHtru2 } from '@snn/datasets';
import { Option } from 'commander';
import { foldUnit, parseFoldUnit } from '../data/unit-key';
import type { TabularRunOptions } from '../run/run-options';
import { SMOOTHING_WINDOW } from '../selection/select-model';
import type { TabularBenchmark } from '../tabular-benchmark';
import { HTRU2_GRIDS } from './htru2-grids';
import { htru2Markdown } from './htru2-markdown';
import { htru2Plot } from './htru2-plot';
import { type Htru2Plan, type Htru2Result, reportHtru2 } from './htru2-report';
import { HTRU2_FOLDS, htru2Unit } from './htru2-units';

/** Options of `runHtru2`: the flags of `snn htru2` in camelCase. */
export interface RunHtru2Options extends TabularRunOptions {
  /** `HTRU2.zip` or `HTRU_2.csv`, or `'remote'` (default: download from UCI and cache). */
  file?: string;
}

/** HTRU2's rows and the fold of each row (from `loadHtru2`). */
export interface Htru2Data {
  data: Split;
  folds: Int32Array;
}

/** Where HTRU2 is read from, as `loadHtru2` takes it. */
function htru2Source(file: string | null | undefined): 'remote' | { file: string } {
  return file === undefined || file === null || file === 'remote' ? 'remote' : { file };
}

/**
 * `snn htru2`: the paper's pulsar benchmark. 10-fold nested cross-validation, one unit per test
 * fold (`htru2/fold<M>`: fold M tests, fold M − 1 validates), the grid of every architecture per
 * fold, ROC-AUC per fold, mean ± std, Wilcoxon across folds; writes `htru2.json`, `htru2.md` and
 * `htru2.svg`/`.png`.
 *
 * @example
 * const result = await runBenchmark(htru2Benchmark, { archs: ['snn'], grid: 'quick', file: 'HTRU2.zip' });
 * @see https://arxiv.org/abs/1706.02515 (Table 3)
 */
export const htru2Benchmark: TabularBenchmark<
  'htru2',
  RunHtru2Options,
  { file: string | undefined },
  Htru2Data,
  Htru2Plan,
  Htru2Result
> = {
  name: 'htru2',
  plotName: 'htru2',
  grids: HTRU2_GRIDS,
  command: {
    summary: "the paper's HTRU2 pulsar benchmark: 10-fold nested CV, ROC-AUC",
    description:
      'HTRU2 (17,898 pulsar candidates, 8 features): for test fold M, fold M−1 validates and the ' +
      'other eight train; the grid of every architecture per fold, ROC-AUC per fold, mean ± std, ' +
      'Wilcoxon across folds. Writes htru2.json, htru2.md and htru2.svg/.png (and store.jsonl).',
    flags: () => [
      new Option('--file <path>', 'HTRU2.zip or HTRU_2.csv, or remote (download)').default(
        'remote',
      ),
    ],
    options: (raw) => ({ file: String(raw.file) }),
    printout: (result) => ({
      json: {
        out: result.run.outDir,
        complete: result.run.complete,
        files: result.run.files,
        results: result.results.map((r) => ({ arch: r.arch, auc: r.auc })),
        wilcoxon: result.wilcoxon,
      },
      lines: result.results.map(
        (r) =>
          `${r.arch.padEnd(11)} AUC ${r.auc.mean.toFixed(4)} ± ${r.auc.std.toFixed(4)} over ${r.auc.folds.length} folds`,
      ),
    }),
  },

  settings: (options) => ({ file: options.file }),
  source: (settings) => settings.file,
  load: (settings, run) => loadHtru2({ source: htru2Source(settings.file), seed: run.seed }),
  plan({ data }, _settings, run, grid) {
    let positives = 0;
    for (let i = 0; i < data.n; i++) positives += data.y[i]!;
    return {
      dataset: { samples: data.n, features: data.d, positives },
      archs: run.archs,
      folds: HTRU2_FOLDS,
      grid,
      seed: run.seed,
      smoothingWindow: SMOOTHING_WINDOW,
      optimizer: 'sgd',
    };
  },
  describe: (plan) => `${plan.archs.join(', ')}, grid ${plan.grid.name}, ${HTRU2_FOLDS} folds`,

  units: () => Array.from({ length: HTRU2_FOLDS }, (_, i) => foldUnit('htru2', i + 1)),
  countUnits: () => HTRU2_FOLDS,
  unitSize: ({ data }) => ({
    trainRows: Math.round((data.n * (HTRU2_FOLDS - 2)) / HTRU2_FOLDS),
    inputs: data.d,
  }),
  unitData: ({ data, folds }, unit) => htru2Unit(data, folds, parseFoldUnit(unit).fold),
  async loadUnit(plan, unit, source, cache) {
    const { data, folds } = await cache(`${source}:${plan.seed}`, () =>
      loadHtru2({ source: htru2Source(source), seed: plan.seed }),
    );
    return htru2Unit(data, folds, parseFoldUnit(unit).fold);
  },

  report: (header, records) => reportHtru2(header.fingerprint as Htru2Plan, records),
  markdown: htru2Markdown,
  plot: htru2Plot,
};
