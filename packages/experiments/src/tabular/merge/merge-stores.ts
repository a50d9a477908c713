import { type MergedStore, mergeStoreFiles } from '@snn/sweep';
import { resolveOutDir } from '../../common/output-dir';
import { UsageError } from '../../common/usage-error';
import { BENCHMARKS, type TABULAR_BENCHMARKS, findTabularBenchmark } from '../benchmarks';
import { finishBenchmark } from '../run-benchmark';
import { planTasks } from '../run/plan-tasks';
import type { RunInfo } from '../run/run-info';
import { logger } from '../run/run-options';
import {
  RESULT_RECORD_FIELDS,
  type ResultRecord,
  type TabularHeader,
} from '../store/result-record';
import type { TabularBenchmark } from '../tabular-benchmark';

/** Options of {@link mergeStores}. */
export interface MergeOptions {
  /** Output folder (default `results/merge-<timestamp>`). */
  out?: string;
  /** Messages on stderr (default true). */
  progress?: boolean;
  /**
   * Write the report even when configurations are missing (default false): an interim table of a
   * run still going, over the data sets or folds whose configurations are all stored.
   */
  partial?: boolean;
}

/** The merge result of one benchmark: its name and its report of the merged records. */
export type MergeResultOf<B> = B extends TabularBenchmark<infer N, any, any, any, any, infer R>
  ? { benchmark: N } & R & { run: RunInfo }
  : never;

/** What {@link mergeStores} returns: the benchmark's report of the merged records. */
export type MergeResult = MergeResultOf<(typeof TABULAR_BENCHMARKS)[number]>;

/**
 * `snn merge`: combines the result stores of the shards of one grid (`--shard i/n` runs, on one
 * machine or many) into one store in `out` and writes the benchmark's report from it, exactly as
 * an unsharded run would have. Each input is a run's output folder or its `store.jsonl` (plain or
 * gzip-compressed, `store.jsonl.gz`); all must come from the same command (same benchmark and
 * fingerprint). A configuration found in several stores is kept once. With `partial`, a grid not
 * yet complete (one run still going) gets an interim report of the data sets or folds it has.
 *
 * @example
 * await mergeStores(['runs/shard1', 'runs/shard2'], { out: 'runs/all' }); // writes runs/all/uci.json, …
 * @see https://arxiv.org/abs/1706.02515
 */
export async function mergeStores(
  inputs: readonly string[],
  options: MergeOptions = {},
): Promise<MergeResult> {
  const log = logger(options.progress !== false);
  const outDir = resolveOutDir('merge', options.out);
  let merged: MergedStore<ResultRecord>;
  try {
    merged = mergeStoreFiles<ResultRecord>(inputs, outDir, RESULT_RECORD_FIELDS);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { records, storePath } = merged;
  const header = merged.header as TabularHeader;
  const { benchmark } = header;
  const tabular: TabularBenchmark | undefined = findTabularBenchmark(benchmark);
  if (tabular === undefined) {
    throw new UsageError(
      `the stores come from ${JSON.stringify(benchmark)}, not a tabular benchmark; snn merge combines the stores of ${BENCHMARKS.join(', ')}`,
    );
  }
  const expected = planTasks(tabular, header).map((t) => t.key);
  const have = new Set(records.map((r) => r.key));
  const missing = expected.filter((k) => !have.has(k)).length;
  const summary = {
    records,
    complete: missing === 0,
    trained: 0,
    resumed: records.length,
    storePath,
    failed: merged.failed,
  };
  const partial = options.partial === true && missing > 0;
  log(
    `merge: ${merged.inputs} store(s), ${records.length} of ${expected.length} configurations${missing === 0 ? '' : partial ? ` — ${missing} missing: an interim report of what is stored` : ` — ${missing} missing: run the remaining shards and merge again (or pass --partial for an interim report)`}`,
  );
  const result = await finishBenchmark(
    tabular,
    header,
    summary,
    outDir,
    log,
    partial ? { planned: expected.length } : undefined,
  );
  return { benchmark, ...result } as MergeResult;
}
