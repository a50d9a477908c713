import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as nodePath from 'node:path';
import { SnnError } from '../../../../internal/snn-error';
import type { RemoteFile, RemoteOptions } from '../remote';
import { resolveCacheDir } from './cache-dir';
import { progressPrinter } from './progress';

// Namespace imports: a browser bundler that follows the package's dynamic import() of this
// Node-only module then finds no named import missing from its empty stand-in for Node built-ins.
const { createHash, randomBytes } = crypto;
const { createReadStream } = fs;
const { mkdir, open, rename, rmdir, stat, unlink } = fsPromises;
const { join } = nodePath;

/** Hex digest of a file. */
export async function hashFile(path: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checksumOf(
  remote: RemoteFile,
): { algorithm: 'sha256' | 'md5'; value: string } | undefined {
  if (remote.sha256) return { algorithm: 'sha256', value: remote.sha256.toLowerCase() };
  if (remote.md5) return { algorithm: 'md5', value: remote.md5.toLowerCase() };
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Returns the cached path of `remote`, downloading it first when it is not cached.
 *
 * A download goes to a temporary file beside its final place, is checked (published checksum,
 * or the structure check `remote.verify` when no checksum is published) and only then renamed
 * into place, atomically: a partial or corrupt file is never used. Each mirror is tried in turn;
 * when all fail, the error names every URL and why, the expected file and checksum, and where to
 * put the file by hand. A cached file with a known checksum is checked on every use.
 *
 * @param remote the file and its check.
 * @param options cache folder, `fetch`, mirrors, progress.
 * @param caller the public function name, for messages.
 */
export async function ensureCached(
  remote: RemoteFile,
  options: RemoteOptions,
  caller: string,
): Promise<string> {
  const dir = join(resolveCacheDir(options.cacheDir), remote.dataset);
  const target = join(dir, remote.file);
  const checksum = checksumOf(remote);
  if (await exists(target)) {
    if (checksum) {
      const found = await hashFile(target, checksum.algorithm);
      if (found !== checksum.value) {
        throw new SnnError(
          `${caller}: cached file ${target} has ${checksum.algorithm} ${found}, expected ${checksum.value} (${remote.checkedBy}); it is corrupt or not the original — delete it so it is downloaded again, or replace it with the file from ${remote.mirrors[0]}${remote.file}`,
        );
      }
    }
    return target;
  }
  const mirrors = options.mirrors ?? remote.mirrors;
  const failures: string[] = [];
  await mkdir(dir, { recursive: true });
  for (const base of mirrors) {
    const url = base.endsWith('/') ? `${base}${remote.file}` : `${base}/${remote.file}`;
    try {
      await downloadVerified(url, target, remote, options);
      return target;
    } catch (e) {
      failures.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // Leave no empty folder behind when nothing could be stored.
  await rmdir(dir).catch(() => undefined);
  const expected = checksum
    ? `${remote.file} (${checksum.algorithm} ${checksum.value})`
    : `${remote.file} (${remote.checkedBy})`;
  throw new SnnError(
    `${caller}: could not download ${remote.file}:\n  ${failures.join('\n  ')}\nExpected file: ${expected}.\nTo install it by hand, download it from one of the URLs above and put it at ${target} (or set SNN_DATA_DIR / cacheDir to a folder holding ${remote.dataset}/${remote.file}).`,
  );
}

async function downloadVerified(
  url: string,
  target: string,
  remote: RemoteFile,
  options: RemoteOptions,
): Promise<void> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
  const report =
    options.onProgress ??
    (options.progress === false ? undefined : progressPrinter(process.stderr));
  const idle = options.idleTimeoutMs ?? 60_000;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${idle} ms, gave up`)), idle);
  };
  const checksum = checksumOf(remote);
  const hash = checksum ? createHash(checksum.algorithm) : undefined;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    arm();
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: controller.signal });
    } catch (e) {
      throw new Error(`request failed (${describe(e)}); are you offline?`);
    }
    if (!response.ok || !response.body) {
      throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    }
    const header = response.headers.get('content-length');
    const totalBytes = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
    handle = await open(temp, 'wx');
    let receivedBytes = 0;
    const reader = response.body.getReader();
    report?.({ url, file: remote.file, receivedBytes, totalBytes, done: false });
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new Error(
          `connection lost after ${receivedBytes}${totalBytes ? ` of ${totalBytes}` : ''} bytes (${describe(e)})`,
        );
      }
      if (chunk.done) break;
      arm();
      await handle.write(chunk.value);
      hash?.update(chunk.value);
      receivedBytes += chunk.value.length;
      report?.({ url, file: remote.file, receivedBytes, totalBytes, done: false });
    }
    if (totalBytes !== undefined && receivedBytes !== totalBytes) {
      throw new Error(`connection closed after ${receivedBytes} of ${totalBytes} bytes`);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (checksum && hash) {
      const found = hash.digest('hex');
      if (found !== checksum.value) {
        throw new Error(
          `checksum mismatch: ${checksum.algorithm} ${found}, expected ${checksum.value} (${remote.checkedBy})`,
        );
      }
    }
    if (remote.verify) await remote.verify(temp, url);
    await rename(temp, target);
    report?.({ url, file: remote.file, receivedBytes, totalBytes, done: true });
  } catch (e) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) {
      throw new Error(controller.signal.reason.message, { cause: e });
    }
    throw e;
  } finally {
    clearTimeout(timer);
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  }
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const inner =
    cause instanceof Error ? `: ${(cause as NodeJS.ErrnoException).code ?? cause.message}` : '';
  return `${e.message}${inner}`;
}
