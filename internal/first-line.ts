/** The first line of an error's message, at most 160 characters: for one-line reasons. */
export function firstLine(error: unknown): string {
  const message = String((error as Error)?.message ?? error).trim();
  const line = message.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
