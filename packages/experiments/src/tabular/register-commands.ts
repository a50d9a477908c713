import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { addSharedFlags, parseInteger, parseSharedFlags } from '../common/shared-flags';
import { UsageError } from '../common/usage-error';
import { ARCHITECTURES, type Architecture } from './grid/architectures';
import { runHtru2 } from './htru2/run-htru2';
import { mergeStores } from './merge/merge-stores';
import { addQueueFlags, connectTimeoutFlag, queueUrlFlag } from './queue-flags';
import { registerQueueCommands } from './register-queue-commands';
import { gridWorkerPath } from './run/grid-worker-path';
import { runTox21 } from './tox21/run-tox21';
import { runUci } from './uci/run-uci';
import { UCI_DATASET_GROUPS, type UciDatasetGroup } from './uci/select-uci-datasets';

/**
 * Adds `snn uci`, `snn htru2`, `snn tox21` and `snn merge` to the `snn` program.
 *
 * @example
 * const program = new Command('snn');
 * registerTabularCommands(program);
 * @see https://arxiv.org/abs/1706.02515
 */
export function registerTabularCommands(program: Command): void {
  const uci = program
    .command('uci')
    .summary("the paper's UCI-121 comparison: average ranks of SNNs and six other networks")
    .description(
      'Trains the grid of every architecture on the UCI-121 datasets (Fernández-Delgado et al. 2014), ' +
        'selects a model per dataset on a stratified 15% validation part (validation accuracy smoothed ' +
        'over epochs by a moving average of 10), and ranks the architectures by test accuracy. ' +
        'Writes uci.json, uci.md and uci-ranks.svg/.png; store.jsonl holds every trained configuration, ' +
        'so rerunning the same command with the same --out resumes a killed run.',
    )
    .addOption(
      new Option(
        '--datasets <list>',
        'all, small (< 1000 samples, 75 sets), large (≥ 1000), or comma-separated names',
      ).default('all'),
    )
    .addOption(
      new Option('--archive <path>', 'data.tar.gz or its folder, or remote (download)').default(
        'remote',
      ),
    )
    .addOption(
      new Option('--split <protocol>', 'paper: first train/test pair; kfold: all four').default(
        'paper',
      ),
    );
  addGridFlags(uci);
  uci.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const split = String(raw.split);
    if (split !== 'paper' && split !== 'kfold') {
      throw UsageError.choice('--split', split, ['paper', 'kfold']);
    }
    const datasets = String(raw.datasets);
    const result = await runUci({
      ...gridOptions(raw, flags),
      datasets: (UCI_DATASET_GROUPS as readonly string[]).includes(datasets)
        ? (datasets as UciDatasetGroup)
        : list('--datasets', datasets),
      archive: String(raw.archive),
      split,
    });
    const all = result.ranks.all;
    summarize(
      flags.json,
      {
        out: result.run.outDir,
        complete: result.run.complete,
        trained: result.run.trained,
        resumed: result.run.resumed,
        files: result.run.files,
        ranks: result.ranks,
      },
      all
        ? [
            `average rank over ${all.datasets.length} datasets (best ${all.best}):`,
            ...result.config.archs.map(
              (a) =>
                `  ${a.padEnd(11)} ${all.averageRank[a]!.toFixed(3)}  (${signedText(all.rankDifference[a]!)} vs mean)${a === all.best ? '' : `  Wilcoxon p ${all.wilcoxon[a]?.pValue.toPrecision(2)}`}`,
            ),
          ]
        : [],
    );
  });

  const htru2 = program
    .command('htru2')
    .summary("the paper's HTRU2 pulsar benchmark: 10-fold nested CV, ROC-AUC")
    .description(
      'HTRU2 (17,898 pulsar candidates, 8 features): for test fold M, fold M−1 validates and the ' +
        'other eight train; the grid of every architecture per fold, ROC-AUC per fold, mean ± std, ' +
        'Wilcoxon across folds. Writes htru2.json, htru2.md and htru2.svg/.png (and store.jsonl).',
    )
    .addOption(
      new Option('--file <path>', 'HTRU2.zip or HTRU_2.csv, or remote (download)').default(
        'remote',
      ),
    );
  addGridFlags(htru2);
  htru2.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const result = await runHtru2({ ...gridOptions(raw, flags), file: String(raw.file) });
    summarize(
      flags.json,
      {
        out: result.run.outDir,
        complete: result.run.complete,
        files: result.run.files,
        results: result.results.map((r) => ({ arch: r.arch, auc: r.auc })),
        wilcoxon: result.wilcoxon,
      },
      result.results.map(
        (r) =>
          `${r.arch.padEnd(11)} AUC ${r.auc.mean.toFixed(4)} ± ${r.auc.std.toFixed(4)} over ${r.auc.folds.length} folds`,
      ),
    );
  });

  const tox21 = program
    .command('tox21')
    .summary("the paper's Tox21 benchmark: mean ROC-AUC over 12 tasks by depth")
    .description(
      'Tox21 dense features (DeepTox files), masked multi-task networks, mean test ROC-AUC over the ' +
        '12 tasks, model selection on 15% of the training compounds, per depth and overall; the grid ' +
        'repeated --repeats times. Writes tox21.json, tox21.md and tox21.svg/.png (and store.jsonl).',
    )
    .addOption(
      new Option('--dir <path>', "folder with DeepTox's files or tox21.zip, or remote").default(
        'remote',
      ),
    )
    .addOption(new Option('--repeats <n>', 'repeats with different seeds (default 5, quick 1)'));
  addGridFlags(tox21);
  tox21.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const result = await runTox21({
      ...gridOptions(raw, flags),
      dir: String(raw.dir),
      repeats:
        raw.repeats === undefined ? undefined : parseInteger('--repeats', raw.repeats, { min: 1 }),
    });
    summarize(
      flags.json,
      {
        out: result.run.outDir,
        complete: result.run.complete,
        files: result.run.files,
        best: result.best.map((b) => ({ arch: b.arch, auc: b.auc })),
      },
      result.best.map(
        (b) =>
          `${b.arch.padEnd(11)} AUC ${b.auc.mean.toFixed(4)} ± ${b.auc.std.toFixed(4)} (${b.selected[0]?.config.depth} layers in repeat 1)`,
      ),
    );
  });

  program
    .command('merge')
    .summary('combine the result stores of --shard runs and write the report')
    .description(
      'Reads the store.jsonl (or store.jsonl.gz) of each run folder (or the files given), checks ' +
        'they come from the same command, writes the union to <out>/store.jsonl and the report (uci.json, htru2.json or ' +
        'tox21.json with its table and plot) as one unsharded run would have.',
    )
    .argument('<stores...>', 'run folders or store.jsonl(.gz) files')
    .addOption(new Option('--out <dir>', 'output folder (default: results/merge-<timestamp>)'))
    .addOption(new Option('--json', 'print the summary as JSON on stdout').default(false))
    .action(async (stores: string[], raw: Record<string, unknown>) => {
      const result = await mergeStores(stores, {
        ...(raw.out === undefined ? {} : { out: String(raw.out) }),
      });
      summarize(
        raw.json === true,
        {
          benchmark: result.benchmark,
          out: result.run.outDir,
          complete: result.run.complete,
          files: result.run.files,
        },
        [],
      );
    });

  registerQueueCommands(program);
}

function addGridFlags(command: Command): void {
  command
    .addOption(
      new Option('--archs <list>', `comma-separated: ${ARCHITECTURES.join(', ')}`).default(
        ARCHITECTURES.join(','),
      ),
    )
    .addOption(
      new Option(
        '--grid <name>',
        'paper, quick, table1-small (uci: the paper grid cut alike for all seven), or a grid JSON file (default paper)',
      ),
    )
    .addOption(new Option('--workers <n>', 'worker processes (default: one per core)'))
    .addOption(new Option('--shard <i/n>', 'train only part i of n of the grid (1 ≤ i ≤ n)'));
  addQueueFlags(command, 'train through a Redis queue served by `snn worker` on any machines', {
    timeout: true,
  }).addOption(
    new Option(
      '--attempts <n>',
      'tries per configuration before it is recorded as failed (default 3), in process, on the local workers or through --queue',
    ),
  );
  addSharedFlags(command);
}

function gridOptions(raw: Record<string, unknown>, flags: ReturnType<typeof parseSharedFlags>) {
  const archs = list('--archs', String(raw.archs));
  for (const a of archs) {
    if (!(ARCHITECTURES as readonly string[]).includes(a)) {
      throw new UsageError(
        `--archs must be a comma-separated list of ${ARCHITECTURES.join(', ')}; got ${JSON.stringify(raw.archs)}`,
      );
    }
  }
  const workers =
    raw.workers === undefined
      ? availableParallelism()
      : parseInteger('--workers', raw.workers, { min: 1 });
  return {
    archs: archs as Architecture[],
    grid: raw.grid === undefined ? undefined : String(raw.grid),
    backend: flags.backend,
    out: flags.out,
    seed: flags.seed,
    quick: flags.quick,
    workers:
      raw.workers === undefined ? undefined : parseInteger('--workers', raw.workers, { min: 1 }),
    workerModule: gridWorkerPath(),
    shard: raw.shard === undefined ? undefined : String(raw.shard),
    queue: queueUrlFlag(raw, { required: false, fromEnv: false }),
    connectTimeoutMs: connectTimeoutFlag(raw),
    attempts:
      raw.attempts === undefined ? undefined : parseInteger('--attempts', raw.attempts, { min: 1 }),
  };
}

function list(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    throw new UsageError(`${flag} must not be empty; got ${JSON.stringify(value)}`);
  return [...new Set(items)];
}

function signedText(value: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(3)}`;
}

function summarize(json: boolean, summary: unknown, lines: readonly string[]): void {
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}
