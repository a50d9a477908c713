import { existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeFileAtomicSync } from '../../../../internal/atomic-write';
import { isGzip } from '../../../../internal/is-gzip';
import { SnnError } from '../../../../internal/snn-error';

/** File name of the result store inside a run's output folder. */
export const STORE_FILE = 'store.jsonl';

/**
 * Suffix of a finished run's compressed store (`store.jsonl.gz`, made with any gzip, e.g.
 * `gzip -9 store.jsonl`), the form in which large stores are kept in a repository. Every reader
 * accepts it; a resumed run decompresses it in place when it writes its first record (a rerun
 * with nothing left to train leaves it as it is).
 */
export const COMPRESSED_SUFFIX = '.gz';

/**
 * The store of a run folder: `store.jsonl`, or `store.jsonl.gz` when only the compressed store
 * is there; a file path is returned as given.
 *
 * @example
 * storeFileIn('docs/results/uci-small'); // 'docs/results/uci-small/store.jsonl.gz' once compressed
 */
export function storeFileIn(input: string): string {
  if (!statSync(input).isDirectory()) return input;
  const plain = join(input, STORE_FILE);
  const compressed = plain + COMPRESSED_SUFFIX;
  return !existsSync(plain) && existsSync(compressed) ? compressed : plain;
}

/**
 * The bytes of a store file, decompressed when it is gzip (told by its content, not its name).
 *
 * @example
 * readStoreBytes('runs/iris/store.jsonl.gz').toString('utf8').split('\n')[0]; // the run header
 */
export function readStoreBytes(path: string): Buffer {
  const bytes = readFileSync(path);
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new SnnError(
      `result store ${path}: gzip-compressed but cannot be decompressed (${(error as Error).message}); the file is truncated or corrupt — restore it from where it came from (e.g. git checkout -- ${path})`,
      { cause: error },
    );
  }
}

/**
 * Before a run appends to `path` (a `store.jsonl`): if only `path.gz` exists, writes its content
 * to `path` (atomically: a temporary file, flushed, then renamed) and removes `path.gz`, as
 * `gunzip` does, so the resumed run continues the compressed store. Returns whether it did.
 *
 * @example
 * restoreCompressedStore('docs/results/uci-small/store.jsonl'); // true once, then false
 */
export function restoreCompressedStore(path: string): boolean {
  const compressed = path + COMPRESSED_SUFFIX;
  if (existsSync(path) || !existsSync(compressed)) return false;
  const bytes = readStoreBytes(compressed);
  try {
    writeFileAtomicSync(path, bytes);
  } catch (error) {
    throw new SnnError(
      `result store ${compressed}: cannot decompress it to ${path} (${(error as Error).message}); free disk space and run again`,
      { cause: error },
    );
  }
  unlinkSync(compressed);
  return true;
}
