import { type MergedStore, mergeStoreFiles } from '@snn/sweep';
import { resolveOutDir } from '../../common/output-dir';
import { UsageError } from '../../common/usage-error';
import type { Htru2Plan, Htru2Result } from '../htru2/htru2-report';
import { finishHtru2 } from '../htru2/run-htru2';
import { planTasks } from '../run/plan-tasks';
import type { RunInfo } from '../run/run-info';
import { logger } from '../run/run-options';
import {
  RESULT_RECORD_FIELDS,
  type ResultRecord,
  type TabularHeader,
} from '../store/result-record';
import { finishTox21 } from '../tox21/run-tox21';
import type { Tox21Plan, Tox21Result } from '../tox21/tox21-report';
import { finishUci } from '../uci/run-uci';
import type { UciPlan, UciResult } from '../uci/uci-report';

/** Options of {@link mergeStores}. */
export interface MergeOptions {
  /** Output folder (default `results/merge-<timestamp>`). */
  out?: string;
  /** Messages on stderr (default true). */
  progress?: boolean;
}

/** What {@link mergeStores} returns: the benchmark's report of the merged records. */
export type MergeResult =
  | ({ benchmark: 'uci' } & UciResult & { run: RunInfo })
  | ({ benchmark: 'htru2' } & Htru2Result & { run: RunInfo })
  | ({ benchmark: 'tox21' } & Tox21Result & { run: RunInfo });

/**
 * `snn merge`: combines the result stores of the shards of one grid (`--shard i/n` runs, on one
 * machine or many) into one store in `out` and writes the benchmark's report from it, exactly as
 * an unsharded run would have. Each input is a run's output folder or its `store.jsonl` (plain or
 * gzip-compressed, `store.jsonl.gz`); all must come from the same command (same benchmark and
 * fingerprint). A configuration found in several stores is kept once.
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
  const { benchmark, fingerprint } = header;
  const expected = planTasks(header).map((t) => t.key);
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
  log(
    `merge: ${merged.inputs} store(s), ${records.length} of ${expected.length} configurations${missing > 0 ? ` — ${missing} missing: run the remaining shards and merge again` : ''}`,
  );
  if (benchmark === 'uci') {
    const skipped = (header.info?.skipped ?? []) as UciPlan['skipped'];
    const plan = { ...(fingerprint as UciPlan), skipped };
    return { benchmark, ...(await finishUci(plan, summary, outDir, log)) };
  }
  if (benchmark === 'htru2') {
    return { benchmark, ...(await finishHtru2(fingerprint as Htru2Plan, summary, outDir, log)) };
  }
  return { benchmark, ...(await finishTox21(fingerprint as Tox21Plan, summary, outDir, log)) };
}
