import { redactUrls } from '@snn/sweep';
import { Command, CommanderError } from 'commander';
import { checkOutDir } from '../common/output-dir';
import { UsageError } from '../common/usage-error';
import { withSweepFlags } from '../tabular/sweep-option-flags';
import { refuseStrayArguments } from './stray-arguments';
import { versionReport } from './version-report';

/** Something a subcommand module adds to the program (`registerTheoryCommand(program)`, …). */
export type RegisterCommands = (program: Command) => void;

/**
 * Builds the `snn` commander program with the given subcommand registrars. Commander's own
 * usage errors (unknown option, missing argument) are turned into exit code 2, like ours.
 */
export function createProgram(registrars: readonly RegisterCommands[]): Command {
  const program = new Command('snn')
    .description(
      'Self-Normalizing Neural Networks (Klambauer et al. 2017, arXiv 1706.02515) on TensorFlow.js: ' +
        "the paper's experiments from the command line",
    )
    // Handled by runProgram before commander parses: the report is asynchronous.
    .option('-V, --version', 'print the versions of snn and tfjs, and the backend auto selects');
  for (const register of registrars) register(program);
  const applyExitOverride = (command: Command): void => {
    command.exitOverride();
    for (const sub of command.commands) applyExitOverride(sub);
  };
  applyExitOverride(program);
  return program;
}

/** The exit code for a failure: 2 for usage errors, 1 for everything else. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return 2;
  }
  return 1;
}

/**
 * Parses `argv` and runs the chosen subcommand. Returns the process exit code instead of exiting,
 * so tests can call it; prints usage errors as one line `snn <command>: <message>` on stderr.
 */
export async function runProgram(
  program: Command,
  argv: readonly string[],
  stderr: { write(s: string): unknown } = process.stderr,
  stdout: { write(s: string): unknown } = process.stdout,
): Promise<number> {
  let active = 'snn';
  program.hook('preAction', (_root, actionCommand) => {
    active = `snn ${actionCommand.name()}`;
    refuseStrayArguments(actionCommand);
    // A folder that cannot be created fails now, not after the data is loaded and trained on.
    const out = actionCommand.opts().out;
    if (typeof out === 'string' && out !== '') checkOutDir(out);
  });
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    stdout.write(await versionReport());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const code = exitCodeFor(error);
    // Commander has already printed its own messages (help, version, usage errors).
    if (error instanceof CommanderError) return code;
    // @snn/sweep names its options; the CLI says its flags.
    if (error instanceof UsageError) {
      stderr.write(`${active}: ${redactUrls(withSweepFlags(error.message))}\n`);
    } else if (error instanceof Error) {
      stderr.write(`${active}: error: ${redactUrls(withSweepFlags(error.message))}\n`);
      if (process.env.SNN_DEBUG) stderr.write(`${redactUrls(error.stack ?? '')}\n`);
    } else {
      stderr.write(`${active}: error: ${redactUrls(String(error))}\n`);
    }
    return code;
  }
}
