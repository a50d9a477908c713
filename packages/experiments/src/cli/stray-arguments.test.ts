import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from './program';
import { runSnnInProcess } from './run-snn-in-process';
import { SNN_COMMANDS } from './snn-commands';

/** Every command that runs an action (the leaves of the command tree), with its full name. */
function leaves(command: Command, prefix: string[] = []): [string[], Command][] {
  if (command.commands.length === 0) return [[prefix, command]];
  return command.commands.flatMap((c) => leaves(c, [...prefix, c.name()]));
}

const snn = runSnnInProcess;

describe('stray positional arguments are a usage error', () => {
  it('snn uci --datasets iris wine names wine', async () => {
    const r = await snn(['uci', '--datasets', 'iris', 'wine']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'snn uci: unexpected argument "wine": snn uci takes no positional arguments; a flag takes a single value, so pass a list comma-separated (e.g. --datasets iris,wine)\n',
    );
  });

  it('snn doctor takes one model and names the second', async () => {
    const r = await snn(['doctor', 'model.json', 'other.json', 'third.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^snn doctor: unexpected argument "other\.json" \(and 1 more\): snn doctor takes one: <model>;/,
    );
  });

  it('every command refuses them, before it starts', async () => {
    const commands = leaves(createProgram(SNN_COMMANDS));
    expect(commands.length).toBeGreaterThan(8);
    for (const [name, command] of commands) {
      const declared = command.registeredArguments;
      if (declared.at(-1)?.variadic) continue;
      const args = [...name, ...declared.map((_, i) => `arg${i}`), 'stray-word'];
      const r = await snn(args);
      expect(r.stderr, `snn ${name.join(' ')}`).toContain(
        `snn ${command.name()}: unexpected argument "stray-word"`,
      );
      expect(r.code).toBe(2);
    }
  });
});
