import { BACKEND_NAMES } from '@snn/runtime';
import { type Command, Option } from 'commander';
import { parseSharedFlags } from '../common/shared-flags';
import { UsageError } from '../common/usage-error';
import { runExport } from './run-export';

/** Registers `snn export`. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .summary('write a saved tfjs or Keras model as an ONNX model that ONNX Runtime runs')
    .description(
      [
        'Loads a tfjs layers model (model.json with its weight files; Keras 2 to_json or Keras 3 config.json without weights; or a folder holding one) and writes it as an ONNX model in inference mode: opset 17, SELU as Selu, dropout as the identity, a symbolic batch dimension.',
        'Every architecture of buildFnn exports (SNN, MSRA, BatchNorm, LayerNorm, WeightNorm, Highway, ResNet); a layer the export does not map is named with its class.',
      ].join('\n\n'),
    )
    .argument('<model>', 'model.json, Keras JSON, or a folder holding one')
    .addOption(new Option('--onnx', 'write ONNX (the one format so far)').default(false))
    .addOption(
      new Option(
        '-o, --output <file>',
        'the .onnx file to write (default: model.onnx beside the model file)',
      ),
    )
    .addOption(
      new Option('--backend <name>', `tfjs backend: ${BACKEND_NAMES.join(', ')}`).default('auto'),
    )
    .addOption(new Option('--json', 'print what was written as JSON').default(false))
    .action(async (model: string, raw: Record<string, unknown>) => {
      if (raw.onnx !== true) {
        throw new UsageError(
          'snn export needs a format: pass --onnx (e.g. snn export --onnx model.json)',
        );
      }
      const flags = parseSharedFlags(raw);
      const result = await runExport({
        model,
        out: raw.output === undefined ? undefined : String(raw.output),
        backend: flags.backend,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        const source =
          result.weights === 'file'
            ? 'weights from its files'
            : 'no weights: drawn by the initializers';
        process.stdout.write(
          `wrote ${result.onnx} (${result.bytes} bytes, ONNX opset ${result.opset}) from ${result.model} (${source})\n`,
        );
      }
    });
}
