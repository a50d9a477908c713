import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { addSharedFlags, parseInteger, parseList, parseSharedFlags } from '../common/shared-flags';
import { UsageError } from '../common/usage-error';
import { TABULAR_BENCHMARKS } from './benchmarks';
import { ARCHITECTURES, type Architecture } from './grid/architectures';
import { mergeStores } from './merge/merge-stores';
import { addQueueFlags, connectTimeoutFlag, queueUrlFlag } from './queue-flags';
import { registerQueueCommands } from './register-queue-commands';
import { runBenchmark } from './run-benchmark';
import { gridWorkerPath } from './run/grid-worker-path';
import type { TabularBenchmark } from './tabular-benchmark';

/**
 * Adds a command per tabular benchmark (`snn uci`, `snn htru2`, `snn tox21`: one for each of
 * `TABULAR_BENCHMARKS`, with its own flags and the grid flags they share), `snn merge`,
 * `snn worker` and `snn queue` to the `snn` program.
 *
 * @example
 * const program = new Command('snn');
 * registerTabularCommands(program);
 * @see https://arxiv.org/abs/1706.02515
 */
export function registerTabularCommands(program: Command): void {
  for (const benchmark of TABULAR_BENCHMARKS) registerBenchmarkCommand(program, benchmark);
  const reportFiles = orList(TABULAR_BENCHMARKS.map((b) => `${b.name}.json`));

  program
    .command('merge')
    .summary('combine the result stores of --shard runs and write the report')
    .description(
      [
        'Reads the store.jsonl (or store.jsonl.gz) of each run folder (or the files given), checks',
        'they come from the same command, writes the union to <out>/store.jsonl and the report',
        `(${reportFiles} with its table and plot) as one unsharded run would have.`,
      ].join(' '),
    )
    .argument('<stores...>', 'run folders or store.jsonl(.gz) files')
    .addOption(new Option('--out <dir>', 'output folder (default: results/merge-<timestamp>)'))
    .addOption(
      new Option(
        '--partial',
        'write the report although configurations are missing: an interim table of a run still going, over the data sets whose configurations are all stored',
      ).default(false),
    )
    .addOption(new Option('--json', 'print the summary as JSON on stdout').default(false))
    .action(async (stores: string[], raw: Record<string, unknown>) => {
      const result = await mergeStores(stores, {
        ...(raw.out === undefined ? {} : { out: String(raw.out) }),
        partial: raw.partial === true,
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

/** `snn <name>`: the benchmark's own flags, then the grid flags; runs it and prints its summary. */
function registerBenchmarkCommand(program: Command, benchmark: TabularBenchmark): void {
  const { command } = benchmark;
  const cli = program
    .command(benchmark.name)
    .summary(command.summary)
    .description(command.description);
  for (const flag of command.flags()) cli.addOption(flag);
  addGridFlags(cli);
  cli.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const own = command.options(raw);
    const result = await runBenchmark(benchmark, { ...gridOptions(raw, flags), ...own });
    const { json, lines } = command.printout(result);
    summarize(flags.json, json, lines);
  });
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
    .addOption(new Option('--shard <i/n>', 'train only part i of n of the grid (1 ≤ i ≤ n)'))
    .addOption(
      new Option(
        '--search <grid|random>',
        'grid: every configuration of --grid (default, the paper); random: --trials configurations per architecture drawn from its axes',
      ),
    )
    .addOption(new Option('--trials <n>', 'configurations per architecture of --search random'))
    .addOption(
      new Option(
        '--prune <none|asha>',
        'asha: stop configurations that fall out of the top third at epochs r, 3r, 9r (r = ⌈epochs/27⌉); default none',
      ),
    );
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
  const archs = parseList('--archs', String(raw.archs));
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
    search: raw.search === undefined ? undefined : (String(raw.search) as 'grid' | 'random'),
    trials: raw.trials === undefined ? undefined : parseInteger('--trials', raw.trials, { min: 1 }),
    prune: raw.prune === undefined ? undefined : (String(raw.prune) as 'none' | 'asha'),
  };
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function summarize(json: boolean, summary: unknown, lines: readonly string[]): void {
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}
