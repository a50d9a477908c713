import { type Command, Option } from 'commander';
import { resolveOutDir } from '../common/output-dir';
import { printSummary } from '../common/print-summary';
import { type Progress, createProgress } from '../common/progress';
import {
  addSharedFlags,
  parseChoiceList,
  parseInteger,
  parseIntegerList,
  parseNumber,
  parseSharedFlags,
} from '../common/shared-flags';
import { UsageError } from '../common/usage-error';
import { runFigure1 } from '../node/run-figure1';
import {
  FIGURE1_ARCHS,
  FIGURE1_DATASETS,
  FIGURE1_QUICK_DEFAULTS,
  type Figure1Options,
} from './figure1-config';

/** Parses `--width`: `input` or an integer ≥ 1. */
function parseWidth(value: unknown): 'input' | number {
  if (value === 'input') return 'input';
  try {
    return parseInteger('--width', value, { min: 1 });
  } catch {
    throw new UsageError(`--width must be input or an integer ≥ 1; got ${JSON.stringify(value)}`);
  }
}

/** Registers `snn figure1`. */
export function registerFigure1Command(program: Command): void {
  const q = FIGURE1_QUICK_DEFAULTS;
  const command = program
    .command('figure1')
    .summary("the paper's Figure 1: training loss of SNN vs BatchNorm networks at depths 8, 16, 32")
    .description(
      [
        "Trains the paper's Figure 1 networks — Dense + SELU with LeCun init (SNN) and Dense + ReLU + BatchNorm with He init — with plain SGD and records the cross-entropy over the training set after every epoch.",
        `The defaults are the paper's recipe (2000 epochs, lr 1e-5, width = input size; weeks on a CPU). --quick: embedded MNIST, ${q.limit} rows, width ${q.width}, ${q.epochs} epochs, lr ${q.lr}.`,
        'Writes figure1.json, figure1.svg, figure1.png and a resume state (figure1-state/) into the output folder; run the same command with the same --out to continue an interrupted run from its last finished epoch.',
      ].join('\n\n'),
    )
    .addOption(new Option('--dataset <name>', `${FIGURE1_DATASETS.join(', ')} (default mnist)`))
    .addOption(
      new Option(
        '--source <src>',
        'embedded (MNIST only), remote (download and cache) or a folder with the files',
      ),
    )
    .addOption(new Option('--depths <list>', 'hidden layers, comma-separated (default 8,16,32)'))
    .addOption(
      new Option('--archs <list>', `comma-separated: ${FIGURE1_ARCHS.join(', ')} (default both)`),
    )
    .addOption(new Option('--epochs <n>', `epochs per curve (default 2000, --quick ${q.epochs})`))
    .addOption(new Option('--lr <x>', `SGD learning rate (default 1e-5, --quick ${q.lr})`))
    .addOption(new Option('--batch <n>', 'minibatch size (default 128)'))
    .addOption(
      new Option(
        '--width <n>',
        `units per hidden layer: input or a number (default input, --quick ${q.width})`,
      ),
    )
    .addOption(
      new Option(
        '--limit <n>',
        `train on a seeded subset of n rows (default all, --quick ${q.limit})`,
      ),
    );
  addSharedFlags(command);
  command.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const options: Figure1Options = { quick: flags.quick, seed: flags.seed };
    if (raw.dataset !== undefined) {
      const dataset = String(raw.dataset);
      if (!(FIGURE1_DATASETS as readonly string[]).includes(dataset)) {
        throw UsageError.choice('--dataset', dataset, FIGURE1_DATASETS);
      }
      options.dataset = dataset as Figure1Options['dataset'];
    }
    if (raw.source !== undefined) options.source = String(raw.source);
    if (raw.depths !== undefined)
      options.depths = parseIntegerList('--depths', raw.depths, { min: 1 });
    if (raw.archs !== undefined)
      options.archs = parseChoiceList('--archs', raw.archs, FIGURE1_ARCHS);
    if (raw.epochs !== undefined) options.epochs = parseInteger('--epochs', raw.epochs, { min: 1 });
    if (raw.lr !== undefined) options.lr = parseNumber('--lr', raw.lr, { exclusiveMin: 0 });
    if (raw.batch !== undefined) options.batch = parseInteger('--batch', raw.batch, { min: 1 });
    if (raw.width !== undefined) options.width = parseWidth(raw.width);
    if (raw.limit !== undefined) options.limit = parseInteger('--limit', raw.limit, { min: 1 });

    const out = resolveOutDir('figure1', flags.out);
    const controller = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
      if (controller.signal.aborted) process.exit(130);
      process.stderr.write(
        `\nsnn figure1: ${signal}: stopping after the current step (again to quit now)\n`,
      );
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let progress: Progress | null = null;
    let reported = 0;
    let info = '';
    const log = (line: string) => process.stderr.write(`${line}\n`);
    try {
      const result = await runFigure1({
        ...options,
        backend: flags.backend,
        out,
        signal: controller.signal,
        log,
        onEpochEnd: (e) => {
          info = `${e.arch} depth ${e.depth} epoch ${e.epoch} loss ${e.loss.toPrecision(4)}`;
        },
        // The bar advances by work (epochs weighted by cost), so the ETA holds when the deep
        // networks start; the epoch count is shown beside it.
        onProgress: (done, total, work) => {
          if (!progress) {
            progress = createProgress({
              total: work.total,
              label: 'figure1',
              initial: work.done,
              counts: false,
            });
            reported = work.done;
          }
          progress.tick(work.done - reported, `${done}/${total} epochs${info ? ` · ${info}` : ''}`);
          reported = work.done;
        },
      });
      (progress as Progress | null)?.done();
      const s = result.smoothness;
      const pct = (v: number | undefined) =>
        v === undefined || Number.isNaN(v) ? '–' : `${(100 * v).toFixed(1)}%`;
      printSummary(
        flags.json,
        {
          out,
          files: ['figure1.json', 'figure1.svg', 'figure1.png'],
          complete: result.complete,
          backend: result.backend,
          config: result.config,
          curves: s.curves,
          increaseShare: s.increaseShare,
          wiggleShare: s.wiggleShare,
          timings: result.timings,
        },
        [
          `figure1: ${result.config.dataset} (${result.config.trainSize} rows), width ${result.config.width}, ${result.config.epochs} epochs, lr ${result.config.lr}, backend ${result.backend.name}`,
          ...s.curves.map(
            (c) =>
              `  ${c.arch.padEnd(9)} depth ${String(c.depth).padStart(2)}: loss ${c.first.toPrecision(4)} → ${c.last.toPrecision(4)} (${(100 * c.relativeDrop).toFixed(1)}% lower), rises ${pct(c.increaseShare)}, bend flips ${pct(c.wiggleShare)}${c.diverged ? ', DIVERGED' : ''}`,
          ),
          `  epochs where the loss rose: ${Object.entries(s.increaseShare)
            .map(([a, v]) => `${a} ${pct(v)}`)
            .join(', ')}; where the curve's bend flipped: ${Object.entries(s.wiggleShare)
            .map(([a, v]) => `${a} ${pct(v)}`)
            .join(', ')}`,
          result.complete
            ? `wrote ${out}/figure1.{json,svg,png} in ${(result.timings.totalMs / 1000).toFixed(0)} s of training`
            : `stopped early; wrote the partial ${out}/figure1.{json,svg,png}. Run the same command with --out ${out} to resume`,
        ],
      );
      if (!result.complete) process.exitCode = 130;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}
