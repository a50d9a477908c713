import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { COMPRESSED_SUFFIX, STORE_FILE } from '@snn/sweep';

/** Longest store line kept while waiting for its end (a record is a few kB; a longer one is corrupt). */
export const MAX_STORE_LINE_BYTES = 4 * 1024 * 1024;

/** What a {@link StoreTail} hands over: each complete line of the store, parsed, in file order. */
export interface StoreTailListener {
  /** A new line (1-based `line`); not JSON lines arrive as `undefined`. */
  line(value: unknown, line: number): void;
  /** The store was replaced (rewritten, compressed, another run): forget every line seen. */
  reset(): void;
}

/**
 * Follows a run folder's result store without ever opening it for writing: each {@link poll}
 * reads only the bytes appended since the last one (a stream from the last offset; a line not yet
 * complete waits for the next poll), so following a 16 MB store that grows costs its new bytes,
 * not its size. A compressed store (`store.jsonl.gz`, a finished run) is streamed through gunzip
 * once per change of its size or modification time. A store that shrinks or is replaced starts
 * over (`reset`).
 *
 * @example
 * const tail = new StoreTail('runs/uci', { line: (v) => summary.add(v), reset: () => summary.clear() });
 * setInterval(() => tail.poll(), 1000);
 * @see https://arxiv.org/abs/1706.02515
 */
export class StoreTail {
  private identity = '';
  private offset = 0;
  private lines = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly folder: string,
    private readonly listener: StoreTailListener,
  ) {}

  /** Reads what was appended since the last poll; resolves true when something changed. */
  async poll(): Promise<boolean> {
    const plain = join(this.folder, STORE_FILE);
    const found = (await statOrNull(plain)) ?? (await statOrNull(plain + COMPRESSED_SUFFIX));
    if (found === null) return this.forget();
    const compressed = found.path.endsWith(COMPRESSED_SUFFIX);
    const identity = `${found.path}:${found.ino}${compressed ? `:${found.size}:${found.mtimeMs}` : ''}`;
    if (identity !== this.identity || found.size < this.offset) {
      this.forget();
      this.identity = identity;
    } else if (compressed || found.size === this.offset) {
      return false;
    }
    // Up to the size seen: bytes written meanwhile are read by the next poll.
    const source = createReadStream(
      found.path,
      compressed ? {} : { start: this.offset, end: found.size - 1 },
    );
    const stream = compressed ? source.pipe(createGunzip()) : source;
    for await (const chunk of stream as AsyncIterable<Buffer>) this.take(chunk);
    if (compressed) this.flush();
    this.offset = found.size;
    return true;
  }

  private take(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      this.pending.push(chunk.subarray(start, end));
      this.flush();
      start = end + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      // A line this long is no record: drop it instead of holding it.
      if (this.pendingBytes > MAX_STORE_LINE_BYTES) this.pending = [];
    }
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const text = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    this.lines++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    this.listener.line(value, this.lines);
  }

  private forget(): false {
    if (this.identity !== '') this.listener.reset();
    this.identity = '';
    this.offset = 0;
    this.lines = 0;
    this.pending = [];
    this.pendingBytes = 0;
    return false;
  }
}

async function statOrNull(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}
