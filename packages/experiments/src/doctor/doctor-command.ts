import { BACKEND_NAMES } from '@snn/runtime';
import { type Command, Option } from 'commander';
import { DEFAULT_SEED, parseInteger, parseSharedFlags } from '../common/shared-flags';
import { UsageError } from '../common/usage-error';
import { formatDiagnosis } from './format-diagnosis';
import { runDoctor } from './run-doctor';

/** Registers `snn doctor`. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .summary('find what breaks self-normalization in a tfjs or Keras model, with the fix')
    .description(
      [
        'Loads a tfjs layers model (model.json with its weights, Keras-converted included; a Keras 3 .keras file with its weights; Keras 2 to_json or Keras 3 config.json without weights; or a folder holding one) and reports per layer: activation, initializer, ω and τ of the kernel, dropout, and the activation mean/variance against Theorem 1’s domain.',
        'Findings (level and fix): non-SELU activations in a SELU network, kernel variance far from 1/fan_in (He, Glorot, fan-out, the 3/4 SELU gain), plain Dropout after SELU, BatchNorm, unstandardized inputs, activations leaving the domain with depth. Exit code 1 when an error is found.',
      ].join('\n\n'),
    )
    .argument('<model>', 'model.json, a .keras file, Keras JSON, or a folder holding one')
    .addOption(new Option('--data <file>', 'inputs as given: a numeric CSV or IDX images (.gz ok)'))
    .addOption(
      new Option('--synthetic', 'N(0, 1) inputs (the default without --data)').default(false),
    )
    .addOption(
      new Option(
        '--samples <n>',
        'rows of synthetic inputs (default 512), or at most this many of --data',
      ),
    )
    .addOption(
      new Option('--backend <name>', `tfjs backend: ${BACKEND_NAMES.join(', ')}`).default('auto'),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the synthetic inputs').default(String(DEFAULT_SEED)),
    )
    .addOption(new Option('--json', 'print the diagnosis as JSON').default(false))
    .action(async (model: string, raw: Record<string, unknown>) => {
      const flags = parseSharedFlags(raw);
      if (raw.data !== undefined && raw.synthetic === true) {
        throw new UsageError('--data and --synthetic exclude each other; pass one');
      }
      const samples =
        raw.samples === undefined ? undefined : parseInteger('--samples', raw.samples, { min: 2 });
      const result = await runDoctor({
        model,
        data: raw.data === undefined ? undefined : String(raw.data),
        samples,
        seed: flags.seed,
        backend: flags.backend,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        process.stdout.write(
          formatDiagnosis(result.diagnosis, [
            `model: ${result.file} (${result.weights === 'file' ? 'weights from its files' : 'no weights: drawn by the initializers'})`,
            `backend: ${result.backend.name}; data: ${result.data}`,
          ]),
        );
      }
      if (!result.diagnosis.ok) process.exitCode = 1;
    });
}
