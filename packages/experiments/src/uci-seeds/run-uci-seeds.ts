import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readStore, storeFileIn } from '@snn/sweep';
import { writeFileAtomic, writeJsonAtomic } from '../../../../internal/atomic-write';
import { SnnError } from '../../../../internal/snn-error';
import { writePlot } from '../common/plot';
import { RESULT_RECORD_FIELDS, type ResultRecord } from '../tabular/store/result-record';
import {
  type UciGroup,
  type UciPlan,
  type UciResult,
  distinctUciGroups,
  reportUci,
} from '../tabular/uci/uci-report';
import { type UciSeedSpread, uciSeedSpread } from '../tabular/uci/uci-seed-spread';
import { uciSeedsMarkdown } from './uci-seeds-markdown';
import { uciSeedsPlot } from './uci-seeds-plot';

/** Options of {@link runUciSeeds}: the `snn uci-seeds` arguments in camelCase. */
export interface RunUciSeedsOptions {
  /** Two or more `snn uci` output folders (or their store files) of runs that differ only in `--seed`. */
  runs: readonly string[];
  /** Folder for `uci-seeds.json`, `.md`, `.svg` and `.png`; nothing is written without it. */
  out?: string;
}

/** What {@link runUciSeeds} compared: one spread per dataset group that has complete sets. */
export interface UciSeedsResult {
  runs: string[];
  spreads: UciSeedSpread[];
}

/**
 * `snn uci-seeds` as a function: reads each run's store (finished or still running), reports it
 * as `snn uci` does (`reportUci`), and compares the runs' rankings with {@link uciSeedSpread}
 * over all sets and over each size group that has sets complete in every run.
 *
 * @example
 * const { spreads } = await runUciSeeds({ runs: ['docs/results/uci-small', 'runs/uci-small-seed2'] });
 * spreads[0]?.rows.find((r) => r.arch === 'snn')?.rankRange;
 */
export async function runUciSeeds(options: RunUciSeedsOptions): Promise<UciSeedsResult> {
  const results = options.runs.map(readUciRun);
  const groups = (['all', 'small', 'large'] as UciGroup[]).filter((group) =>
    results.every((result) => result.ranks[group] !== null),
  );
  if (groups.length === 0) uciSeedSpread(results); // throws: no set is complete in every run
  const computed = new Map(groups.map((group) => [group, uciSeedSpread(results, group)]));
  const spreads = distinctUciGroups({
    all: computed.get('all') ?? null,
    small: computed.get('small') ?? null,
    large: computed.get('large') ?? null,
  });
  const runs = [...options.runs];
  if (options.out !== undefined) {
    await writeJsonAtomic(join(options.out, 'uci-seeds.json'), { runs, spreads });
    await writeFileAtomic(join(options.out, 'uci-seeds.md'), uciSeedsMarkdown(spreads, runs));
    await writePlot(options.out, 'uci-seeds', uciSeedsPlot(spreads));
  }
  return { runs, spreads };
}

/** The UCI report of one run folder (or store file), from its store. */
function readUciRun(run: string): UciResult {
  if (!existsSync(run)) {
    throw new SnnError(
      `snn uci-seeds: ${run} does not exist; pass the --out folder (or store.jsonl) of a snn uci run`,
    );
  }
  const { header, records } = readStore<ResultRecord>(storeFileIn(run), RESULT_RECORD_FIELDS);
  if (header.benchmark !== 'uci') {
    throw new SnnError(
      `snn uci-seeds: ${run} holds a ${header.benchmark} run, expected a uci one; pass the --out folders of snn uci runs`,
    );
  }
  return reportUci(header.fingerprint as UciPlan, records);
}
