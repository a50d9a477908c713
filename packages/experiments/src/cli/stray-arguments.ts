import type { Command } from 'commander';
import { UsageError } from '../common/usage-error';

/**
 * Refuses positional arguments a command does not take. Commander collects them silently, so
 * `snn uci --datasets iris wine` would train iris alone: a flag takes one value, and `wine` was
 * left over. The error names the first stray argument and how to pass a list.
 *
 * @param command The command about to run (commander's `preAction` hook gives it).
 * @throws UsageError naming the argument.
 * @example
 * program.hook('preAction', (_root, command) => refuseStrayArguments(command));
 */
export function refuseStrayArguments(command: Command): void {
  const declared = command.registeredArguments;
  if (declared.at(-1)?.variadic) return;
  const stray = command.args.slice(declared.length);
  if (stray.length === 0) return;
  const takes =
    declared.length === 0
      ? 'takes no positional arguments'
      : `takes ${declared.length === 1 ? 'one' : declared.length}: ${declared.map((a) => `<${a.name()}>`).join(' ')}`;
  throw new UsageError(
    `unexpected argument ${JSON.stringify(stray[0])}${stray.length > 1 ? ` (and ${stray.length - 1} more)` : ''}: snn ${command.name()} ${takes}; a flag takes a single value, so pass a list comma-separated (e.g. --datasets iris,wine)`,
  );
}
