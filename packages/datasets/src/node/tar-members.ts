import * as fs from 'node:fs';
import type { ReadEntry } from 'tar';
import { checkEntryPath, checkLinkTarget } from '../../../../internal/archive-paths';
import { SnnError } from '../../../../internal/snn-error';

// Namespace imports: a browser bundler that follows the package's dynamic import() of this
// Node-only module then finds no named import missing from its empty stand-in for Node built-ins.
const { createReadStream } = fs;

/**
 * Reads the regular-file members of a tar or tar.gz archive that `want` selects, into memory,
 * without writing anything to disk. Every entry's name (wanted or not) is checked: `..`,
 * absolute paths and links escaping the archive make the whole archive an error.
 *
 * @param archive path of the .tar / .tar.gz file.
 * @param want called with each normalised member path; true keeps its bytes.
 */
export async function readTarMembers(
  archive: string,
  want: (path: string) => boolean,
): Promise<Map<string, Uint8Array>> {
  const { Parser } = await loadTar();
  const members = new Map<string, Uint8Array>();
  let failure: unknown;
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      try {
        const path = checkEntryPath(archive, entry.path);
        if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
          checkLinkTarget(archive, entry.path, String(entry.linkpath ?? ''), entry.type === 'Link');
        }
        const regular =
          entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile';
        if (!regular || !want(path)) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => members.set(path, Buffer.concat(chunks)));
      } catch (e) {
        failure ??= e;
        entry.resume();
      }
    },
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  // Failures are collected below; this keeps an early exit from leaving a rejection unhandled.
  done.catch(() => undefined);
  // Feed chunks by hand: the parser throws zlib errors synchronously from write(), which a
  // pipe() would turn into an uncaught exception.
  try {
    for await (const chunk of createReadStream(archive)) {
      parser.write(chunk as Buffer);
      if (failure) break;
    }
    if (!failure) parser.end();
    if (!failure) await done;
  } catch (e) {
    failure ??= e;
  }
  if (failure) {
    if (failure instanceof SnnError) throw failure;
    const err = failure as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      throw new SnnError(`${archive}: archive not found; check the path`, { cause: failure });
    }
    throw new SnnError(
      `${archive}: not a readable tar/tar.gz archive (${err.message}); the file is corrupt or truncated — delete it and download it again`,
      { cause: failure },
    );
  }
  return members;
}

/**
 * node-tar, imported by a specifier bundlers do not follow: a browser bundle of the package then
 * never pulls in node-tar (whose own imports of Node built-ins would break the bundle).
 */
const TAR_MODULE: string = 'tar';
function loadTar(): Promise<typeof import('tar')> {
  return import(/* @vite-ignore */ TAR_MODULE);
}
