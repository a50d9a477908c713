import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { SnnError } from '../../../../../internal/snn-error';
import type { Benchmark } from '../grid/architectures';
import type { Configuration } from '../grid/expand-grid';

/**
 * First line of a store: which benchmark it belongs to and the settings every record depends on
 * (seed, training budget, split protocol). A store is resumed or merged only with an equal
 * `fingerprint`.
 */
export interface StoreHeader {
  type: 'run';
  benchmark: Benchmark;
  fingerprint: object;
  /** Facts about the run that do not change its results (e.g. datasets that failed to load). */
  info?: Record<string, unknown>;
}

/** One trained configuration: its curves per epoch, enough to redo model selection offline. */
export interface ResultRecord {
  type: 'result';
  /** `<unit>/<configuration id>`, unique in a run. */
  key: string;
  /** Data the configuration was trained on (`iris/fold1`, `htru2/fold3`, `tox21`). */
  unit: string;
  /** Dataset name (`iris`, `htru2`, `tox21`). */
  dataset: string;
  /** Which split, fold or repeat of the dataset (`fold1`, `repeat2`). */
  part: string;
  config: Configuration;
  seed: number;
  /** Mean training loss per epoch as reported by the training loop; `null` once not finite. */
  loss: Array<number | null>;
  /** Validation metric per epoch (accuracy or ROC-AUC); `null` once the loss diverged. */
  validation: Array<number | null>;
  /** Test metric per epoch; read only at the epoch selection picks. */
  test: Array<number | null>;
  /** Extra per-epoch test values a benchmark needs (Tox21: AUC per task). */
  testDetail?: Array<Array<number | null> | null>;
  diverged: boolean;
  seconds: number;
  backend: string;
}

/**
 * An append-only JSON-lines file of {@link ResultRecord}s after a {@link StoreHeader}. Each record
 * is written with one `write` and flushed with `fsync` before the next configuration starts, so a
 * run killed at any moment loses at most the record being written; on opening, a truncated last
 * line is cut off and that configuration is trained again.
 *
 * @example
 * const store = ResultStore.open('out/store.jsonl', { type: 'run', benchmark: 'uci', fingerprint });
 * if (!store.has(key)) store.append(record);
 * store.close();
 * @see https://arxiv.org/abs/1706.02515
 */
export class ResultStore {
  private readonly byKey = new Map<string, ResultRecord>();
  private fd: number | null;

  private constructor(
    readonly path: string,
    readonly header: StoreHeader,
    records: ResultRecord[],
    fd: number,
    /** Bytes of a truncated last line removed when the store was opened. */
    readonly repairedBytes: number,
  ) {
    for (const r of records) if (!this.byKey.has(r.key)) this.byKey.set(r.key, r);
    this.fd = fd;
  }

  /**
   * Opens `path` for appending, creating it with `header` if absent. Throws when the file belongs
   * to another benchmark or fingerprint (use another output folder), or is corrupt before its
   * last line.
   */
  static open(path: string, header: StoreHeader): ResultStore {
    mkdirSync(dirname(path), { recursive: true });
    const existed = existsSync(path);
    const parsed = existed ? parseStore(path) : null;
    const fd = openSync(path, existed ? 'r+' : 'w');
    try {
      let repaired = 0;
      if (parsed === null || parsed.header === null) {
        ftruncateSync(fd, 0);
        writeSync(fd, `${JSON.stringify(header)}\n`, 0);
        fsyncSync(fd);
      } else {
        assertCompatible(path, parsed.header, header);
        if (parsed.validBytes < fstatSync(fd).size) {
          repaired = fstatSync(fd).size - parsed.validBytes;
          ftruncateSync(fd, parsed.validBytes);
          fsyncSync(fd);
        }
      }
      return new ResultStore(path, header, parsed?.records ?? [], fd, repaired);
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
  records(): ResultRecord[] {
    return [...this.byKey.values()];
  }

  /** Appends and flushes one record (ignored if its key is already stored). */
  append(record: ResultRecord): void {
    if (this.fd === null) {
      throw new SnnError(`ResultStore: ${this.path} is closed; open it again to append`);
    }
    if (this.byKey.has(record.key)) return;
    const size = fstatSync(this.fd).size;
    writeSync(this.fd, `${JSON.stringify(record)}\n`, size);
    fsyncSync(this.fd);
    this.byKey.set(record.key, record);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** A store's parsed content; see {@link readStore}. */
export interface StoreContent {
  header: StoreHeader;
  records: ResultRecord[];
}

/**
 * Reads a store file without opening it for writing (for `snn merge` and reports). A truncated
 * last line is skipped; a record key seen twice keeps its first record.
 */
export function readStore(path: string): StoreContent {
  const parsed = parseStore(path);
  if (parsed.header === null) {
    throw new SnnError(
      `result store ${path}: no header line (an empty or foreign file); pass the store.jsonl of an snn uci/htru2/tox21 run`,
    );
  }
  const seen = new Set<string>();
  const records = parsed.records.filter((r) => !seen.has(r.key) && seen.add(r.key));
  return { header: parsed.header, records };
}

function parseStore(path: string): {
  header: StoreHeader | null;
  records: ResultRecord[];
  validBytes: number;
} {
  const buffer = readFileSync(path);
  const records: ResultRecord[] = [];
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
        `result store ${path}: line ${lineNumber} is not valid JSON (the file is corrupt before its last line); remove that line or start a new --out folder`,
      );
    }
    const v = value as { type?: unknown };
    if (lineNumber === 1) {
      if (v.type !== 'run') {
        throw new SnnError(
          `result store ${path}: line 1 must be the run header {"type":"run",…}, got type ${JSON.stringify(v.type)}; this is not an snn result store`,
        );
      }
      header = value as StoreHeader;
    } else if (v.type === 'result') {
      records.push(value as ResultRecord);
    }
    offset = end + 1;
  }
  return { header, records, validBytes: offset };
}

function assertCompatible(path: string, found: StoreHeader, wanted: StoreHeader): void {
  const a = JSON.stringify({ b: found.benchmark, f: found.fingerprint });
  const b = JSON.stringify({ b: wanted.benchmark, f: wanted.fingerprint });
  if (a !== b) {
    throw new SnnError(
      `result store ${path} belongs to a different run (${found.benchmark} ${JSON.stringify(found.fingerprint)}), not ${wanted.benchmark} ${JSON.stringify(wanted.fingerprint)}; resume with the original flags or pass another --out`,
    );
  }
}
