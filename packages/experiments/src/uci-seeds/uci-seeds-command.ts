import { type Command, Option } from 'commander';
import { checkOutDir, resolveOutDir } from '../common/output-dir';
import { printSummary } from '../common/print-summary';
import { UsageError } from '../common/usage-error';
import { fixed } from '../tabular/report/format';
import { runUciSeeds } from './run-uci-seeds';

/** Registers `snn uci-seeds`. */
export function registerUciSeedsCommand(program: Command): void {
  program
    .command('uci-seeds')
    .summary('how far the UCI ranking moves between runs that differ only in --seed')
    .description(
      [
        "Reads the stores of two or more snn uci runs that differ only in --seed (finished or still running) and compares their rankings on the sets complete in every run: each network's average rank and place per seed, the range of its average rank, the mean change of its rank on one set, the standard error that change implies for an average rank, and the mean change of its test accuracy; over all sets and per size group (< 1000, ≥ 1000 samples).",
        'Writes uci-seeds.json, uci-seeds.md, uci-seeds.svg and uci-seeds.png.',
      ].join('\n\n'),
    )
    .argument('<runs...>', 'the --out folders (or store files) of the runs')
    .addOption(new Option('--out <dir>', 'output folder (default: results/uci-seeds-<timestamp>)'))
    .addOption(new Option('--json', 'print the result summary as JSON on stdout').default(false))
    .action(async (runs: string[], raw: Record<string, unknown>) => {
      if (runs.length < 2) {
        throw new UsageError(
          `snn uci-seeds needs at least two run folders, got ${runs.length}; e.g. snn uci-seeds runs/seed1 runs/seed2`,
        );
      }
      if (raw.out === '') throw new UsageError('--out must be a folder path; got an empty string');
      const out = resolveOutDir('uci-seeds', raw.out === undefined ? undefined : String(raw.out));
      checkOutDir(out);
      const result = await runUciSeeds({ runs, out });
      const lines = result.spreads.map((spread) => {
        const snn = spread.rows.find((r) => r.arch === 'snn');
        const moved = snn
          ? `; snn's average rank ${snn.averageRank.map((r) => fixed(r, 3)).join(' / ')} (range ${fixed(snn.rankRange, 3)}, s.e. of a change ${fixed(snn.rankChangeStandardError, 3)})`
          : '';
        return `${spread.group} (${spread.datasets.length} sets): best ${spread.best.join(' / ')}${moved}`;
      });
      printSummary(raw.json === true, { out, ...result }, [
        ...lines,
        `wrote ${out}/uci-seeds.{json,md,svg,png}`,
      ]);
    });
}
