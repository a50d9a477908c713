import { type Tox21Dataset, loadTox21 } from '@snn/datasets';
import { Option } from 'commander';
import { parseInteger } from '../../common/shared-flags';
import { UsageError } from '../../common/usage-error';
import type { PreparedUnit } from '../data/prepared-unit';
import { repeatUnit } from '../data/unit-key';
import type { TabularRunOptions } from '../run/run-options';
import { SMOOTHING_WINDOW } from '../selection/select-model';
import type { TabularBenchmark } from '../tabular-benchmark';
import { TOX21_GRIDS } from './tox21-grids';
import { tox21Markdown } from './tox21-markdown';
import { tox21Plot } from './tox21-plot';
import { type Tox21Plan, type Tox21Result, reportTox21 } from './tox21-report';
import { TOX21_VALIDATION_FRACTION, tox21Unit } from './tox21-units';

/** Options of `runTox21`: the flags of `snn tox21` in camelCase. */
export interface RunTox21Options extends TabularRunOptions {
  /** A folder with DeepTox's four dense/label files or `tox21.zip`, or `'remote'` (default). */
  dir?: string;
  /** Repeats with different seeds (default 5, as the paper; 1 with the quick grid). */
  repeats?: number;
}

/** Tox21 as loaded, and prepared once for every repeat (the same rows, another seed per task). */
export interface Tox21Data {
  dataset: Tox21Dataset;
  prepared: PreparedUnit;
}

/** Where Tox21 is read from, as `loadTox21` takes it. */
function tox21Source(dir: string | null | undefined): 'remote' | { dir: string } {
  return dir === undefined || dir === null || dir === 'remote' ? 'remote' : { dir };
}

/**
 * `snn tox21`: the paper's Tox21 protocol on the dense features. The loader's preprocessing
 * (constant features dropped, missing values imputed, standardized), 15% of the training compounds
 * for selection, a masked multi-task sigmoid network per configuration, test ROC-AUC averaged
 * over the 12 tasks; the grid repeated `repeats` times (parts `repeat<r>` of the one unit
 * `tox21`); results by depth. Writes `tox21.json`, `tox21.md` and `tox21.svg`/`.png`.
 *
 * @example
 * const result = await runBenchmark(tox21Benchmark, { dir: 'data/tox21', grid: 'quick' });
 * @see https://arxiv.org/abs/1706.02515 (Table 2)
 */
export const tox21Benchmark: TabularBenchmark<
  'tox21',
  RunTox21Options,
  { dir: string | undefined; repeats: number },
  Tox21Data,
  Tox21Plan,
  Tox21Result
> = {
  name: 'tox21',
  plotName: 'tox21',
  grids: TOX21_GRIDS,
  command: {
    summary: "the paper's Tox21 benchmark: mean ROC-AUC over 12 tasks by depth",
    description:
      'Tox21 dense features (DeepTox files), masked multi-task networks, mean test ROC-AUC over the ' +
      '12 tasks, model selection on 15% of the training compounds, per depth and overall; the grid ' +
      'repeated --repeats times. Writes tox21.json, tox21.md and tox21.svg/.png (and store.jsonl).',
    flags: () => [
      new Option('--dir <path>', "folder with DeepTox's files or tox21.zip, or remote").default(
        'remote',
      ),
      new Option('--repeats <n>', 'repeats with different seeds (default 5, quick 1)'),
    ],
    options: (raw) => ({
      dir: String(raw.dir),
      repeats:
        raw.repeats === undefined ? undefined : parseInteger('--repeats', raw.repeats, { min: 1 }),
    }),
    printout: (result) => ({
      json: {
        out: result.run.outDir,
        complete: result.run.complete,
        files: result.run.files,
        best: result.best.map((b) => ({ arch: b.arch, auc: b.auc })),
      },
      lines: result.best.map(
        (b) =>
          `${b.arch.padEnd(11)} AUC ${b.auc.mean.toFixed(4)} ± ${b.auc.std.toFixed(4)} (${b.selected[0]?.config.depth} layers in repeat 1)`,
      ),
    }),
  },

  settings(options, grid) {
    const repeats = options.repeats ?? (grid.name === 'quick' ? 1 : 5);
    if (!Number.isInteger(repeats) || repeats < 1) {
      throw new UsageError(`--repeats must be an integer ≥ 1; got ${JSON.stringify(repeats)}`);
    }
    return { dir: options.dir, repeats };
  },
  source: (settings) => settings.dir,
  async load(settings, run) {
    const dataset = await loadTox21({ source: tox21Source(settings.dir), preprocess: true });
    return { dataset, prepared: tox21Unit(dataset, run.seed) };
  },
  plan: ({ dataset }, settings, run, grid) => ({
    dataset: {
      train: dataset.train.n,
      test: dataset.test.n,
      features: dataset.train.d,
      tasks: dataset.tasks,
    },
    archs: run.archs,
    repeats: settings.repeats,
    grid,
    seed: run.seed,
    validationFraction: TOX21_VALIDATION_FRACTION,
    smoothingWindow: SMOOTHING_WINDOW,
    optimizer: 'sgd',
  }),
  describe: (plan) => `${plan.archs.join(', ')}, grid ${plan.grid.name}, ${plan.repeats} repeat(s)`,

  units: (plan) => Array.from({ length: plan.repeats }, (_, i) => repeatUnit('tox21', i + 1)),
  countUnits(plan, fail) {
    if (!Number.isSafeInteger(plan.repeats) || (plan.repeats as number) < 1) {
      fail('`repeats` must be a positive integer', plan.repeats);
    }
    return plan.repeats as number;
  },
  unitSize: ({ prepared }) => ({ trainRows: prepared.train.n, inputs: prepared.train.d }),
  unitData: ({ prepared }) => prepared,
  async loadUnit(plan, _unit, source, cache) {
    const dataset = await cache(`${source}`, () =>
      loadTox21({ source: tox21Source(source), preprocess: true }),
    );
    return tox21Unit(dataset, plan.seed);
  },

  report: (header, records) => reportTox21(header.fingerprint as Tox21Plan, records),
  markdown: tox21Markdown,
  plot: tox21Plot,
};
