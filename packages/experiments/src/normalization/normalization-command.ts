import { type Command, Option } from 'commander';
import { resolveOutDir } from '../common/output-dir';
import { printSummary } from '../common/print-summary';
import { addSharedFlags, parseInteger, parseSharedFlags } from '../common/shared-flags';
import { UsageError } from '../common/usage-error';
import { NORMALIZATION_INPUTS, runNormalization } from '../node/run-normalization';

/** Registers `snn normalization`. */
export function registerNormalizationCommand(program: Command): void {
  const command = program
    .command('normalization')
    .summary('activation mean/variance per layer with lecunNormal vs tfjs leCunNormal vs He init')
    .description(
      [
        "Pushes standardized inputs through depth × [Dense(width) + SELU] networks initialized with @snn/init's lecunNormal (Var 1/n), tfjs's leCunNormal (0.77/n) and He init (2/n), and plots the mean and variance of every layer.",
        'Writes normalization.json, normalization.svg and normalization.png.',
      ].join('\n\n'),
    )
    .addOption(new Option('--depth <n>', 'hidden layers (default 32)'))
    .addOption(new Option('--width <n>', 'units per layer (default 784, --quick 256)'))
    .addOption(new Option('--samples <n>', 'input rows (default 1024, --quick 512)'))
    .addOption(
      new Option('--input <name>', `input rows: ${NORMALIZATION_INPUTS.join(', ')}`).default(
        'gaussian',
      ),
    );
  addSharedFlags(command);
  command.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const int = (flag: string, value: unknown, min: number) =>
      value === undefined ? undefined : parseInteger(flag, value, { min });
    const input = String(raw.input);
    if (!(NORMALIZATION_INPUTS as readonly string[]).includes(input)) {
      throw UsageError.choice('--input', input, NORMALIZATION_INPUTS);
    }
    const out = resolveOutDir('normalization', flags.out);
    const result = await runNormalization({
      depth: int('--depth', raw.depth, 1),
      width: int('--width', raw.width, 1),
      samples: int('--samples', raw.samples, 2),
      input: input as (typeof NORMALIZATION_INPUTS)[number],
      seed: flags.seed,
      quick: flags.quick,
      backend: flags.backend,
      out,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const last = result.series.map((s) => ({
      init: s.init,
      weightVarianceTimesFanIn: s.weightVarianceTimesFanIn,
      lastLayer: s.layers.at(-1),
    }));
    printSummary(
      flags.json,
      {
        out,
        files: ['normalization.json', 'normalization.svg', 'normalization.png'],
        backend: result.backend,
        lastLayer: last,
      },
      [
        `${result.config.depth} × [Dense(${result.config.width}) + SELU], ${result.config.samples} rows of ${result.config.input}, backend ${result.backend?.name}`,
        ...last.map(
          (s) =>
            `${s.init.padEnd(18)} Var(w)·n ${s.weightVarianceTimesFanIn.toFixed(3)}  layer ${s.lastLayer?.layer}: mean ${s.lastLayer?.mean.toFixed(4)}, variance ${s.lastLayer?.variance.toFixed(4)}`,
        ),
        `wrote ${out}/normalization.{json,svg,png}`,
      ],
    );
  });
}
