/** Prints a command's summary: JSON on stdout with `--json`, else readable lines. */
export function printSummary(json: boolean, summary: unknown, lines: readonly string[]): void {
  if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`${lines.join('\n')}\n`);
}
