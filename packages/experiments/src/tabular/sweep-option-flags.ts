/**
 * The `snn` flag (or command) for each `@snn/sweep` option its messages name in backticks: the
 * library speaks of its options (`` `outDir` ``, `` `shard` ``), the CLI of its flags.
 */
export const SWEEP_OPTION_FLAGS: Readonly<Record<string, string>> = {
  outDir: '--out',
  shard: '--shard',
  workers: '--workers',
  attempts: '--attempts',
  url: '--queue',
  file: '--queue-file',
  connectTimeoutMs: '--connect-timeout <seconds>',
  concurrency: '--concurrency',
  dataLocations: '--data',
  force: '--force',
  queueStatus: 'snn queue status',
};

/**
 * A message of `@snn/sweep` as the `snn` CLI says it: every backticked option the CLI has a flag
 * for becomes that flag; anything else is left as it is.
 *
 * @example
 * withSweepFlags('`shard` must be i/n with 1 ≤ i ≤ n'); // '--shard must be i/n with 1 ≤ i ≤ n'
 * @see https://arxiv.org/abs/1706.02515
 */
export function withSweepFlags(message: string): string {
  return message.replace(/`(\w+)`/g, (whole, name: string) =>
    Object.hasOwn(SWEEP_OPTION_FLAGS, name) ? SWEEP_OPTION_FLAGS[name]! : whole,
  );
}
