/**
 * The `snn` command: `snn figure1`, `snn theory`, `snn normalization`, the tabular benchmarks and
 * `snn doctor`.
 * Run `snn --help` or `snn <command> --help` for the flags.
 */
import { createProgram, runProgram } from './cli/program';
import { registerDoctorCommand } from './commands/doctor-command';
import { registerFigure1Command } from './commands/figure1-command';
import { registerNormalizationCommand } from './commands/normalization-command';
import { registerTheoryCommand } from './commands/theory-command';
import { registerTabularCommands } from './tabular/register-commands';

const program = createProgram([
  registerFigure1Command,
  registerTheoryCommand,
  registerNormalizationCommand,
  registerTabularCommands,
  registerDoctorCommand,
]);
runProgram(program, process.argv.slice(2)).then((code) => {
  const exitCode =
    process.exitCode === undefined || process.exitCode === 0 ? code : process.exitCode;
  // Exit explicitly: the threaded wasm backend's worker threads would keep the process alive.
  process.exit(exitCode);
});
