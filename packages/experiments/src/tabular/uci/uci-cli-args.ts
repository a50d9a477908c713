/**
 * The `snn uci` command line the CLI tests run: iris, SNN and BatchNorm, the cpu backend, a grid
 * file, `--json`, and `extra` flags last.
 */
export function uciCliArgs(
  paths: { cli: string; archive: string; grid: string },
  out: string,
  seed: number,
  extra: string[] = [],
): string[] {
  return [
    paths.cli,
    'uci',
    '--datasets',
    'iris',
    '--archs',
    'snn,batchnorm',
    '--archive',
    paths.archive,
    '--grid',
    paths.grid,
    '--backend',
    'cpu',
    '--seed',
    String(seed),
    '--out',
    out,
    '--json',
    ...extra,
  ];
}
