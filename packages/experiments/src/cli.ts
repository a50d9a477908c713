/**
 * The `snn` command: `snn figure1`, `snn theory`, `snn normalization`, the tabular benchmarks and
 * `snn doctor`.
 * Run `snn --help` or `snn <command> --help` for the flags.
 */
import { createProgram, runProgram } from './cli/program';
import { SNN_COMMANDS } from './cli/snn-commands';

const program = createProgram(SNN_COMMANDS);
runProgram(program, process.argv.slice(2)).then((code) => {
  const exitCode =
    process.exitCode === undefined || process.exitCode === 0 ? code : process.exitCode;
  // Exit explicitly: the threaded wasm backend's worker threads would keep the process alive.
  process.exit(exitCode);
});
