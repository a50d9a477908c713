import { type Uci121Dataset, uci121TrainTest } from '@snn/datasets';
import { Option } from 'commander';
import { parseList } from '../../common/shared-flags';
import { UsageError } from '../../common/usage-error';
import { foldUnit, parseFoldUnit } from '../data/unit-key';
import type { TabularRunOptions } from '../run/run-options';
import { SMOOTHING_WINDOW } from '../selection/select-model';
import type { TabularBenchmark } from '../tabular-benchmark';
import {
  UCI_DATASET_GROUPS,
  type UciDatasetGroup,
  loadUciDatasets,
  uciSamples,
} from './select-uci-datasets';
import { UCI_GRIDS } from './uci-grids';
import { uciMarkdown } from './uci-markdown';
import { uciRankPlot } from './uci-plot';
import { type UciPlan, type UciResult, reportUci, uciFolds } from './uci-report';
import { UCI_VALIDATION_FRACTION, uciFittingRows, uciUnit } from './uci-units';

/** Options of `runUci`: the flags of `snn uci` in camelCase. */
export interface RunUciOptions extends TabularRunOptions {
  /**
   * Dataset names, or a group of the archive's datasets that load: `'all'` (default), `'small'`
   * (fewer than 1000 samples, the paper's 75 sets) or `'large'` (at least 1000).
   */
  datasets?: string[] | UciDatasetGroup;
  /** The collection's `data.tar.gz` or unpacked folder, or `'remote'` (default: download and cache). */
  archive?: string;
  /** `paper` (default): first train/test pair; `kfold`: the four pairs, averaged. */
  split?: 'paper' | 'kfold';
}

/** The options of a UCI run, checked. */
export interface UciSettings {
  datasets: string[] | UciDatasetGroup;
  /** `undefined`: the download cache. */
  archive: string | undefined;
  split: 'paper' | 'kfold';
}

/** The datasets of a UCI run, loaded, and those of a group that did not load. */
export interface UciData {
  loaded: Map<string, Uci121Dataset>;
  skipped: UciPlan['skipped'];
}

const SPLITS = ['paper', 'kfold'] as const;

/**
 * `snn uci`: the paper's UCI-121 comparison (Fernández-Delgado et al. 2014). The grid of every
 * architecture on every dataset, one unit per dataset and train/test split (`<dataset>/fold<k>`),
 * a stratified 15% of the training rows for model selection, average ranks of the architectures
 * by test accuracy and Wilcoxon tests against the best; writes `uci.json`, `uci.md` and the rank
 * plot `uci-ranks.svg`/`.png`.
 *
 * @example
 * const result = await runBenchmark(uciBenchmark, { datasets: ['iris'], grid: 'quick' });
 * @see https://arxiv.org/abs/1706.02515 (Table 1, appendix A4)
 */
export const uciBenchmark: TabularBenchmark<
  'uci',
  RunUciOptions,
  UciSettings,
  UciData,
  UciPlan,
  UciResult
> = {
  name: 'uci',
  plotName: 'uci-ranks',
  grids: UCI_GRIDS,
  command: {
    summary: "the paper's UCI-121 comparison: average ranks of SNNs and six other networks",
    description:
      'Trains the grid of every architecture on the UCI-121 datasets (Fernández-Delgado et al. 2014), ' +
      'selects a model per dataset on a stratified 15% validation part (validation accuracy smoothed ' +
      'over epochs by a moving average of 10), and ranks the architectures by test accuracy. ' +
      'Writes uci.json, uci.md and uci-ranks.svg/.png; store.jsonl holds every trained configuration, ' +
      'so rerunning the same command with the same --out resumes a killed run.',
    flags: () => [
      new Option(
        '--datasets <list>',
        'all, small (< 1000 samples, 75 sets), large (≥ 1000), or comma-separated names',
      ).default('all'),
      new Option('--archive <path>', 'data.tar.gz or its folder, or remote (download)').default(
        'remote',
      ),
      new Option('--split <protocol>', 'paper: first train/test pair; kfold: all four').default(
        'paper',
      ),
    ],
    options(raw) {
      const split = String(raw.split);
      if (split !== 'paper' && split !== 'kfold') throw UsageError.choice('--split', split, SPLITS);
      const datasets = String(raw.datasets);
      return {
        datasets: (UCI_DATASET_GROUPS as readonly string[]).includes(datasets)
          ? (datasets as UciDatasetGroup)
          : parseList('--datasets', datasets),
        archive: String(raw.archive),
        split,
      };
    },
    printout(result) {
      const all = result.ranks.all;
      return {
        json: {
          out: result.run.outDir,
          complete: result.run.complete,
          trained: result.run.trained,
          resumed: result.run.resumed,
          files: result.run.files,
          ranks: result.ranks,
        },
        lines: all
          ? [
              `average rank over ${all.datasets.length} datasets (best ${all.best}):`,
              ...result.config.archs.map(
                (a) =>
                  `  ${a.padEnd(11)} ${all.averageRank[a]!.toFixed(3)}  (${signedText(all.rankDifference[a]!)} vs mean)${a === all.best ? '' : `  Wilcoxon p ${all.wilcoxon[a]?.pValue.toPrecision(2)}`}`,
              ),
            ]
          : [],
      };
    },
  },

  settings(options) {
    const split = options.split ?? 'paper';
    if (split !== 'paper' && split !== 'kfold') throw UsageError.choice('--split', split, SPLITS);
    const archive = options.archive === 'remote' ? undefined : options.archive;
    return { datasets: options.datasets ?? 'all', archive, split };
  },
  source: (settings) => settings.archive,
  load: (settings) => loadUciDatasets(settings.datasets, settings.archive),
  plan: ({ loaded }, settings, run, grid) => ({
    datasets: [...loaded.values()].map((d) => ({
      name: d.name,
      samples: uciSamples(d),
      features: d.data.d,
      classes: d.classes,
      testSource: uci121TrainTest(d).testSource,
      ...(d.rescaled.length > 0 && { rescaled: d.rescaled }),
    })),
    skipped: [],
    archs: run.archs,
    split: settings.split,
    grid,
    seed: run.seed,
    validationFraction: UCI_VALIDATION_FRACTION,
    smoothingWindow: SMOOTHING_WINDOW,
    optimizer: 'sgd',
  }),
  info: ({ skipped }) => ({ skipped }),
  describe: (plan) =>
    `${plan.datasets.length} datasets × ${plan.archs.join(', ')}, grid ${plan.grid.name}`,
  notes: ({ skipped }) => skipped.map((s) => `skipping ${s.dataset}: ${s.reason}`),

  units: (plan) =>
    plan.datasets.flatMap((d) => uciFolds(plan.split).map((fold) => foldUnit(d.name, fold))),
  countUnits(plan, fail) {
    if (!Array.isArray(plan.datasets)) fail('`datasets` must be an array', plan.datasets);
    if (plan.split !== 'paper' && plan.split !== 'kfold') {
      fail("`split` must be 'paper' or 'kfold'", plan.split);
    }
    return (plan.datasets as unknown[]).length * uciFolds(plan.split as 'paper').length;
  },
  unitSize({ loaded }, { unit }) {
    const { dataset, fold } = parseFoldUnit(unit);
    const d = loaded.get(dataset)!;
    return { trainRows: uciFittingRows(d, fold), inputs: d.data.d };
  },
  unitData({ loaded }, unit, plan) {
    const { dataset, fold } = parseFoldUnit(unit);
    return uciUnit(loaded.get(dataset)!, fold, plan.seed);
  },
  async loadUnit(plan, unit, source, cache) {
    const { dataset: name, fold } = parseFoldUnit(unit);
    const loaded = await cache(`${source}:${name}`, async () => {
      const { loaded } = await loadUciDatasets([name], source ?? undefined);
      return loaded.get(name)!;
    });
    return uciUnit(loaded, fold, plan.seed);
  },

  report: (header, records) =>
    reportUci(
      {
        ...(header.fingerprint as UciPlan),
        skipped: (header.info?.skipped ?? []) as UciPlan['skipped'],
      },
      records,
    ),
  markdown: uciMarkdown,
  plot: uciRankPlot,
};

function signedText(value: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(3)}`;
}
