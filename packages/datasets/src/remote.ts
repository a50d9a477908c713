/**
 * Options shared by every loader that can download (`source: 'remote'`). Node only: the cache is
 * a folder on disk.
 */
export interface RemoteOptions {
  /** Cache folder. Default: `$SNN_DATA_DIR`, else the OS cache folder (`~/.cache/snn` on Linux). */
  cacheDir?: string;
  /** `fetch` implementation (default `globalThis.fetch`), e.g. to add a proxy or for tests. */
  fetch?: typeof globalThis.fetch;
  /** Base URLs tried in order instead of the built-in mirrors; the file name is appended. */
  mirrors?: string[];
  /** Called as bytes arrive; replaces the default progress display on stderr. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Show the default progress display (TTY: a bar with ETA; otherwise plain lines). Default true. */
  progress?: boolean;
  /** Abort a download when no byte arrives for this long (ms). Default 60,000. */
  idleTimeoutMs?: number;
}

/** One progress report of a download. */
export interface DownloadProgress {
  url: string;
  file: string;
  receivedBytes: number;
  /** From `Content-Length`, when the server sends it. */
  totalBytes?: number;
  done: boolean;
}

/** A file a loader downloads: where from, how it is checked, where it is cached. */
export interface RemoteFile {
  /** Sub-folder of the cache, e.g. `mnist`. */
  dataset: string;
  /** File name, appended to each mirror URL and used in the cache. */
  file: string;
  /** Base URLs (ending in `/`), tried in order. */
  mirrors: string[];
  /** Published SHA-256 of the file, when one is known. */
  sha256?: string;
  /** Published MD5 of the file, when only that is published. */
  md5?: string;
  /** What the checksum (or structure check) is, for messages. */
  checkedBy: string;
  /**
   * Structure check run on the downloaded file before it is moved into the cache, for files
   * without a published checksum. `label` (the URL) names the file in its errors. Throws an
   * error naming the problem.
   */
  verify?: (path: string, label: string) => Promise<void>;
}
