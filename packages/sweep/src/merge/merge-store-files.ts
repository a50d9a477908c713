import { join } from 'node:path';
import { SnnError } from '../../../../internal/snn-error';
import {
  ResultStore,
  type StoreContent,
  type StoreRecord,
  readStore,
  runDifference,
} from '../store/result-store';
import { STORE_FILE, storeFileIn } from '../store/store-file';

/** What {@link mergeStoreFiles} wrote. */
export interface MergedStore<R extends StoreRecord> extends StoreContent<R> {
  /** The merged `store.jsonl`. */
  storePath: string;
  /** How many input stores were read. */
  inputs: number;
}

/**
 * Combines the result stores of the shards of one sweep (runs with `shard: i/n`, on one machine or
 * many) into `<outDir>/store.jsonl`. Each input is a run's output folder or its `store.jsonl`
 * (plain or `.gz`); all must carry the same header (benchmark and fingerprint). A key found in
 * several stores is kept once, from the first store that has it. Merging into an existing merged
 * store adds to it.
 *
 * `recordFields` are the fields every record must have besides `type` and `key` (see `readStore`).
 *
 * @example
 * const merged = mergeStoreFiles(['runs/shard1', 'runs/shard2/store.jsonl'], 'runs/all');
 * merged.records.length; // every configuration of both shards
 * @see https://arxiv.org/abs/1706.02515
 */
export function mergeStoreFiles<R extends StoreRecord = StoreRecord>(
  inputs: readonly string[],
  outDir: string,
  recordFields: readonly string[] = [],
): MergedStore<R> {
  if (inputs.length === 0) {
    throw new SnnError('merge needs at least one store: pass run folders or store.jsonl files');
  }
  const stores = inputs.map((input) => {
    let path = input;
    try {
      path = storeFileIn(input);
      return { ...readStore<R>(path, recordFields), path };
    } catch (error) {
      throw new SnnError(
        `merge: cannot read the result store ${path} (${(error as Error).message}); pass run folders or their store.jsonl`,
        { cause: error },
      );
    }
  });
  const first = stores[0]!;
  for (const s of stores.slice(1)) {
    const difference = runDifference(s.header, first.header, ['there', `${first.path} has`]);
    if (difference !== null) {
      throw new SnnError(
        `merge: ${s.path} comes from a different run than ${first.path}: ${difference}; merge only the shards of one command`,
      );
    }
  }
  const storePath = join(outDir, STORE_FILE);
  const store = ResultStore.open<R>(storePath, first.header, recordFields);
  try {
    for (const s of stores) for (const r of s.records) store.append(r);
    for (const s of stores) for (const f of s.failed) store.appendFailure(f);
    return {
      header: first.header,
      records: store.records(),
      failed: store.failures(),
      storePath,
      inputs: stores.length,
    };
  } finally {
    store.close();
  }
}
