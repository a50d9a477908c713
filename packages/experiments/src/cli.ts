/**
 * The `snn` command: `snn figure1`, `snn theory`, `snn normalization` and the tabular benchmarks.
 * Run `snn --help` or `snn <command> --help` for the flags.
 */
import { createProgram, runProgram } from './cli/program';

const program = createProgram([]);
runProgram(program, process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
