import {
  type Stats,
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { makeDirsSync } from '../../../../internal/make-dirs';
import { SnnError } from '../../../../internal/snn-error';
import { COMPRESSED_SUFFIX, readStoreBytes, restoreCompressedStore } from './store-file';

/**
 * First line of a store: which benchmark (or sweep) it belongs to and the settings every record
 * depends on (seed, training budget, split protocol). A store is resumed or merged only with an
 * equal `benchmark` and `fingerprint`.
 */
export interface StoreHeader<B extends string = string> {
  type: 'run';
  benchmark: B;
  fingerprint: object;
  /** Facts about the run that do not change its results (e.g. datasets that failed to load). */
  info?: Record<string, unknown>;
}

/** What every stored line after the header has: its type and a key unique in the run. */
export interface StoreRecord {
  type: 'result';
  /** The task's key, unique in a run. */
  key: string;
}

/**
 * A task that could not be trained (it threw on every attempt, or every worker refused it): kept
 * in the store so reports list it with its error; a rerun tries it again.
 */
export interface FailedRecord {
  type: 'failed';
  key: string;
  /** The last error message. */
  error: string;
  /** Tries made. */
  attempts: number;
}

/**
 * An append-only JSON-lines file of records (one per finished task) after a {@link StoreHeader}. Each record
 * is written with one `write` and flushed with `fsync` before the next configuration starts, so a
 * run killed at any moment loses at most the record being written; on opening, a truncated last
 * line is cut off and that configuration is trained again. If the file is replaced under a running
 * store (a `git stash` or checkout, a copy saved over it), the store continues in the new file and
 * writes into it the records it lacks; a file of another run, or a removed one, stops the run.
 * A compressed store (`store.jsonl.gz` only, as a repository keeps a finished run) is read as it
 * is and decompressed in place on the first write, so a run with nothing left to train (rerun
 * for its reports) leaves the folder's store as it found it.
 *
 * @example
 * const store = ResultStore.open('out/store.jsonl', { type: 'run', benchmark: 'uci', fingerprint });
 * if (!store.has(key)) store.append(record);
 * store.close();
 * @see https://arxiv.org/abs/1706.02515
 */
export class ResultStore<R extends StoreRecord = StoreRecord> {
  private readonly byKey = new Map<string, R>();
  private readonly failedByKey = new Map<string, FailedRecord>();
  private fd: number | null;
  /** Read from `path.gz`, not yet written: the first write decompresses it in place. */
  private compressed: boolean;

  private constructor(
    readonly path: string,
    readonly header: StoreHeader,
    records: R[],
    failed: FailedRecord[],
    fd: number | null,
    /** Bytes of a truncated last line removed when the store was opened. */
    readonly repairedBytes: number,
    private readonly recordFields: readonly string[],
  ) {
    for (const r of records) if (!this.byKey.has(r.key)) this.byKey.set(r.key, r);
    for (const f of failed) this.failedByKey.set(f.key, f);
    this.fd = fd;
    this.compressed = fd === null;
  }

  /**
   * The file the open store's records are in now: `path`, or `path.gz` while a compressed store
   * has not been written to (the first write decompresses it into `path`).
   *
   * @example
   * ResultStore.open('docs/results/uci-small/store.jsonl', header).file; // '…/store.jsonl.gz'
   */
  get file(): string {
    return this.compressed ? this.path + COMPRESSED_SUFFIX : this.path;
  }

  /**
   * Opens `path` for appending, creating it with `header` if absent. When only `path.gz` exists
   * its records are read from it, and it is decompressed in place of `path` on the first write.
   * Throws when the file belongs to another benchmark or fingerprint (use another output
   * folder), or is corrupt before its last line; a record without one of `recordFields` (besides
   * `type` and `key`) is named by its line number.
   */
  static open<R extends StoreRecord = StoreRecord>(
    path: string,
    header: StoreHeader,
    recordFields: readonly string[] = [],
  ): ResultStore<R> {
    makeDirsSync(dirname(path));
    const compressed = path + COMPRESSED_SUFFIX;
    if (!existsSync(path) && existsSync(compressed)) {
      const parsed = parseStore(compressed, recordFields);
      if (parsed.header !== null) {
        assertCompatible(compressed, parsed.header, header);
        return new ResultStore<R>(
          path,
          header,
          parsed.records as R[],
          parsed.failed,
          null,
          0,
          recordFields,
        );
      }
      // No run header: an empty or foreign file, which a new store overwrites like a plain one.
      restoreCompressedStore(path);
    }
    const existed = existsSync(path);
    const parsed = existed ? parseStore(path, recordFields) : null;
    const fd = openSync(path, existed ? 'r+' : 'w');
    try {
      let repaired = 0;
      if (parsed === null || parsed.header === null) {
        try {
          ftruncateSync(fd, 0);
          writeSync(fd, `${JSON.stringify(header)}\n`, 0);
          fsyncSync(fd);
        } catch (error) {
          throw storeWriteError(path, 0, error);
        }
      } else {
        assertCompatible(path, parsed.header, header);
        if (parsed.validBytes < fstatSync(fd).size) {
          repaired = fstatSync(fd).size - parsed.validBytes;
          ftruncateSync(fd, parsed.validBytes);
          fsyncSync(fd);
        }
      }
      return new ResultStore<R>(
        path,
        header,
        (parsed?.records ?? []) as R[],
        parsed?.failed ?? [],
        fd,
        repaired,
        recordFields,
      );
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** Whether a record with `key` is stored. */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** All records, in the order first written. */
  records(): R[] {
    return [...this.byKey.values()];
  }

  /** Tasks that failed and have no result since, in the order first written. */
  failures(): FailedRecord[] {
    return [...this.failedByKey.values()].filter((f) => !this.byKey.has(f.key));
  }

  /** Whether `key` failed and has no result since. */
  hasFailed(key: string): boolean {
    return this.failedByKey.has(key) && !this.byKey.has(key);
  }

  /** Appends and flushes one record (ignored if its key is already stored). */
  append(record: R): void {
    if (this.byKey.has(record.key)) return;
    this.write(record);
    this.byKey.set(record.key, record);
  }

  /** Appends and flushes a failure (ignored if the key has a result). */
  appendFailure(failure: FailedRecord): void {
    if (this.byKey.has(failure.key)) return;
    this.write(failure);
    this.failedByKey.set(failure.key, failure);
  }

  private write(line: StoreRecord | FailedRecord): void {
    if (this.compressed) {
      restoreCompressedStore(this.path);
      this.compressed = false;
      this.statPath();
      this.continueInFileAtPath('decompressed');
    } else if (this.fd === null) {
      throw new SnnError(`ResultStore: ${this.path} is closed; open it again to append`);
    }
    this.followReplacedFile();
    const size = fstatSync(this.fd!).size;
    try {
      writeSync(this.fd!, `${JSON.stringify(line)}\n`, size);
      fsyncSync(this.fd!);
    } catch (error) {
      // Cut a half-written line off now, so the file holds exactly the records counted below.
      try {
        ftruncateSync(this.fd!, size);
      } catch {
        // Opening the store again repairs the tail anyway.
      }
      throw storeWriteError(this.path, this.byKey.size, error);
    }
  }

  /**
   * When the file at `path` is no longer the one this store writes to — replaced while the run
   * went on, by a `git checkout` or `git stash`, a copy or an editor saving over it — appends would
   * go to a file nobody can read any more. Instead the store continues in the file now at `path`
   * if it belongs to the same run: it adds the records it holds that the file lacks (and learns
   * those the file has), so nothing stored is lost. A file of another run, or none at all, stops
   * the run with the reason.
   */
  private followReplacedFile(): void {
    const onDisk = this.statPath();
    const mine = fstatSync(this.fd!);
    if (onDisk.ino === mine.ino && onDisk.dev === mine.dev) return;
    this.continueInFileAtPath('replaced');
  }

  private statPath(): Stats {
    try {
      return statSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new SnnError(
        `result store ${this.path} was removed while this run was writing it (moved or deleted), with ${this.byKey.size} result${this.byKey.size === 1 ? '' : 's'} stored so far: put the folder back and rerun the same command to resume, or start again with another \`outDir\``,
      );
    }
  }

  /**
   * Makes the file at `path` this store's file: a replaced one, or the compressed store just
   * decompressed (which another process may have changed since this store read it). It must be a
   * file of this run; the records this store holds that it lacks are written into it.
   */
  private continueInFileAtPath(how: 'replaced' | 'decompressed'): void {
    const parsed = parseStore(this.path, this.recordFields);
    const difference =
      parsed.header === null
        ? 'it has no run header'
        : runDifference(parsed.header, this.header, ['in the new file', 'this run has']);
    if (difference !== null) {
      throw new SnnError(
        `result store ${this.path} was ${how === 'replaced' ? 'replaced while this run was writing it' : 'replaced after this run read its compressed form'}, by a file of another run (${difference}); stopping so that no result is written to the wrong run: put this run's store back and rerun the same command to resume`,
      );
    }
    const fd = openSync(this.path, 'r+');
    try {
      ftruncateSync(fd, parsed.validBytes);
      const present = new Set([...parsed.records, ...parsed.failed].map((r) => r.key));
      const missing = [
        ...[...this.byKey.values()].filter((r) => !present.has(r.key)),
        ...[...this.failedByKey.values()].filter(
          (f) => !present.has(f.key) && !this.byKey.has(f.key),
        ),
      ];
      let size = parsed.validBytes;
      for (const line of missing) size += writeSync(fd, `${JSON.stringify(line)}\n`, size);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      throw storeWriteError(this.path, this.byKey.size, error);
    }
    for (const r of parsed.records as R[]) if (!this.byKey.has(r.key)) this.byKey.set(r.key, r);
    for (const f of parsed.failed) if (!this.failedByKey.has(f.key)) this.failedByKey.set(f.key, f);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = fd;
  }

  /** Closes the file; appending afterwards throws until the store is opened again. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.compressed = false;
  }
}

/** A store's parsed content; see {@link readStore}. */
export interface StoreContent<R extends StoreRecord = StoreRecord> {
  header: StoreHeader;
  records: R[];
  /** Tasks that failed and have no result. */
  failed: FailedRecord[];
}

/**
 * Reads a store file (plain or gzip-compressed) without opening it for writing (for `snn merge`
 * and reports). A truncated last line is skipped; a record key seen twice keeps its first record.
 * A record without `key` or one of `recordFields` is an error naming its line and the field.
 */
export function readStore<R extends StoreRecord = StoreRecord>(
  path: string,
  recordFields: readonly string[] = [],
): StoreContent<R> {
  const parsed = parseStore(path, recordFields);
  if (parsed.header === null) {
    throw new SnnError(
      `result store ${path}: no header line (an empty or foreign file); pass the store.jsonl of a sweep`,
    );
  }
  const seen = new Set<string>();
  const records = parsed.records.filter((r) => !seen.has(r.key) && seen.add(r.key));
  const failed = parsed.failed.filter((f) => !seen.has(f.key));
  return { header: parsed.header, records: records as R[], failed };
}

/** Fields every line of a kind must have, besides those the caller adds for its records. */
const REQUIRED: Record<string, readonly string[]> = {
  run: ['benchmark', 'fingerprint'],
  result: ['key'],
  failed: ['key', 'error', 'attempts'],
};

/** The first of `fields` that `line` lacks (absent or null), or undefined. */
function missingField(
  line: Record<string, unknown>,
  fields: readonly string[],
): string | undefined {
  return fields.find((f) => line[f] === undefined || line[f] === null);
}

function parseStore(
  path: string,
  recordFields: readonly string[],
): {
  header: StoreHeader | null;
  records: StoreRecord[];
  failed: FailedRecord[];
  validBytes: number;
} {
  const buffer = readStoreBytes(path);
  const records: StoreRecord[] = [];
  const failed: FailedRecord[] = [];
  let header: StoreHeader | null = null;
  let offset = 0;
  let lineNumber = 0;
  while (offset < buffer.length) {
    const end = buffer.indexOf(10, offset);
    // No newline: the last write was cut short by a kill; everything before it is intact.
    if (end === -1) break;
    lineNumber++;
    const text = buffer.subarray(offset, end).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (end === buffer.length - 1) break;
      throw new SnnError(
        `result store ${path}: line ${lineNumber} is not valid JSON (the file is corrupt before its last line); remove that line or give the run another \`outDir\``,
      );
    }
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const kind = lineNumber === 1 ? 'run' : String(v.type);
    const missing = missingField(v, [
      ...(REQUIRED[kind] ?? []),
      ...(kind === 'result' ? recordFields : []),
    ]);
    if (missing !== undefined && (lineNumber === 1 ? v.type === 'run' : kind in REQUIRED)) {
      throw new SnnError(
        `result store ${path}: line ${lineNumber} is a ${kind === 'run' ? 'run header' : `${kind} record`} without the field "${missing}" (it has ${Object.keys(v).join(', ') || 'no fields'}); the line was edited or written by another program — ${lineNumber === 1 ? 'give the run another `outDir`' : 'remove that line (its configuration is trained again) or give the run another `outDir`'}`,
      );
    }
    if (lineNumber === 1) {
      if (v.type !== 'run') {
        throw new SnnError(
          `result store ${path}: line 1 must be the run header {"type":"run",…}, got type ${JSON.stringify(v.type)}; this is not the result store of a sweep`,
        );
      }
      header = value as StoreHeader;
    } else if (v.type === 'result') {
      records.push(value as StoreRecord);
    } else if (v.type === 'failed') {
      failed.push(value as FailedRecord);
    }
    offset = end + 1;
  }
  return { header, records, failed, validBytes: offset };
}

/**
 * What makes stores one run: their header's `benchmark` and `fingerprint` (`info` does not count).
 * Only a store of the same run resumes (`ResultStore.open`), merges (`mergeStoreFiles`) or shares
 * a queue's jobs (`queueRunId`).
 *
 * @example
 * runIdentity({ type: 'run', benchmark: 'uci', fingerprint: { seed: 1 }, info: {} });
 * // { benchmark: 'uci', fingerprint: { seed: 1 } }
 */
export function runIdentity(header: StoreHeader): Pick<StoreHeader, 'benchmark' | 'fingerprint'> {
  return { benchmark: header.benchmark, fingerprint: header.fingerprint };
}

/**
 * Where the runs of two headers differ ({@link firstDifference} of their {@link runIdentity}), or
 * null when they are one run.
 *
 * @example
 * runDifference(stored, wanted); // 'fingerprint.seed is 1 in the store, the command asks for 2'
 */
export function runDifference(
  found: StoreHeader,
  wanted: StoreHeader,
  words?: readonly [string, string],
): string | null {
  return firstDifference(runIdentity(found), runIdentity(wanted), words);
}

function assertCompatible(path: string, found: StoreHeader, wanted: StoreHeader): void {
  const difference = runDifference(found, wanted);
  if (difference !== null) {
    throw new SnnError(
      `result store ${path} belongs to a different run: ${difference}; resume with the options that made it or pass another \`outDir\``,
    );
  }
}

/** A value for a message, cut to a readable length. */
function shown(value: unknown): string {
  const text = value === undefined ? 'absent' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * The first place where the stored header `found` and the command's `wanted` differ, as
 * `fingerprint.grid.epochs is 100 in the store, the command asks for 12`, or null when equal.
 * Objects are compared key by key in the store's order, arrays element by element.
 *
 * @param words How to speak of `found` and `wanted` (default `in the store`, `the command asks for`).
 * @example
 * firstDifference({ seed: 1 }, { seed: 2 }); // 'seed is 1 in the store, the command asks for 2'
 */
export function firstDifference(
  found: unknown,
  wanted: unknown,
  words: readonly [string, string] = ['in the store', 'the command asks for'],
  at = '',
): string | null {
  if (JSON.stringify(found) === JSON.stringify(wanted)) return null;
  const both = (test: (v: unknown) => boolean) => test(found) && test(wanted);
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (both(Array.isArray)) {
    const a = found as unknown[];
    const b = wanted as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const inner = firstDifference(a[i], b[i], words, `${at}[${i}]`);
      if (inner !== null) return inner;
    }
  } else if (both(isObject)) {
    const a = found as Record<string, unknown>;
    const b = wanted as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const inner = firstDifference(a[key], b[key], words, at === '' ? key : `${at}.${key}`);
      if (inner !== null) return inner;
    }
  }
  return `${at || 'the header'} is ${shown(found)} ${words[0]}, ${words[1]} ${shown(wanted)}`;
}

/** Errors of a full or failing disk that {@link storeWriteError} explains. */
const DISK_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'an input/output error: the disk or its connection failed',
};

/**
 * The one message for a run's output that cannot be written — a full disk (`ENOSPC`), a quota
 * (`EDQUOT`) or a failing one (`EIO`), in the store, `sessions.json`, the lock, a report: which
 * file, how many configurations are safely stored and where, and that rerunning the same command
 * resumes from them. Any other error is returned unchanged.
 *
 * @param path the file that could not be written.
 * @param stored configurations safely stored so far, or null when not known (nothing opened yet).
 * @param storePath the result store holding them (default `path` itself).
 * @example
 * try { writeFileSync(report, text); } catch (e) { throw storeWriteError(report, 12, e, storePath); }
 * @see https://arxiv.org/abs/1706.02515
 */
export function storeWriteError(
  path: string,
  stored: number | null,
  error: unknown,
  storePath: string = path,
): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const cause = code === undefined ? undefined : DISK_ERRORS[code];
  if (cause === undefined) return error;
  const where = storePath === path ? 'there' : `in ${storePath}`;
  const safe =
    stored === null
      ? `nothing stored ${where} is lost`
      : `${stored} configuration${stored === 1 ? ' is' : 's are'} safely stored ${where}`;
  const fix = code === 'EIO' ? 'check the disk' : 'free some space';
  return new SnnError(
    `cannot write ${path}: ${cause} (${code}); ${safe} — ${fix} and rerun the same command to resume${stored === null ? '' : ' from them'}`,
    { cause: error },
  );
}
