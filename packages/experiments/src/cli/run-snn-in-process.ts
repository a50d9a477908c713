import { createProgram, runProgram } from './program';
import { SNN_COMMANDS } from './snn-commands';

/**
 * Runs `snn <args>` in this process (for tests of what the CLI checks before any action runs):
 * its exit code and everything it wrote to stderr; stdout is dropped.
 *
 * @example
 * const { code, stderr } = await runSnnInProcess(['uci', '--datasets', 'iris', 'wine']);
 */
export async function runSnnInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runProgram(
    createProgram(SNN_COMMANDS),
    args,
    {
      write: (s: string) => {
        stderr += s;
      },
    },
    { write: () => true },
  );
  return { code, stderr };
}
