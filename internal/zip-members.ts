import { unzipSync } from 'fflate';
import { checkEntryPath, checkLinkTarget } from './archive-paths';
import { SnnError } from './snn-error';

/**
 * Reads the members of a zip archive that `want` selects (fflate; works in browsers). Every
 * entry's name is checked (`..` and absolute paths refused); symbolic-link entries (Unix mode
 * in the central directory) must point inside the archive.
 *
 * @param bytes the zip file.
 * @param archive its name, for errors.
 * @param want called with each normalised member path and the size it declares uncompressed,
 *   before any byte of it is inflated (fflate allocates that size): true keeps its bytes; an
 *   error thrown here (e.g. `checkLimit`'s) is thrown by the call.
 * @example
 * const members = readZipMembers(bytes, 'model.keras', (path, size) => {
 *   checkLimit('shardBytes', size, `model.keras member ${path}`);
 *   return path === 'config.json';
 * });
 */
export function readZipMembers(
  bytes: Uint8Array,
  archive: string,
  want: (path: string, size: number) => boolean,
): Map<string, Uint8Array> {
  const links = symlinkEntries(bytes);
  let failure: unknown;
  const kept = new Map<string, string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        try {
          const path = checkEntryPath(archive, file.name);
          if (links.has(file.name)) return true;
          if (file.name.endsWith('/') || !want(path, file.originalSize)) return false;
          kept.set(file.name, path);
          return true;
        } catch (e) {
          failure ??= e;
          return false;
        }
      },
    });
  } catch (e) {
    throw new SnnError(
      `${archive}: not a readable zip archive (${e instanceof Error ? e.message : String(e)}); the file is corrupt or truncated — delete it and download it again`,
      { cause: e },
    );
  }
  if (failure) throw failure;
  for (const name of links) {
    const target = files[name];
    if (target) checkLinkTarget(archive, name, new TextDecoder().decode(target), false);
  }
  const members = new Map<string, Uint8Array>();
  for (const [name, path] of kept) {
    if (!links.has(name)) members.set(path, files[name]!);
  }
  return members;
}

/** Names of the central-directory entries whose Unix mode marks a symbolic link. */
function symlinkEntries(bytes: Uint8Array): Set<string> {
  const links = new Set<string>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return links;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let k = 0; k < count && p + 46 <= bytes.length; k++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const madeBy = view.getUint16(p + 4, true) >> 8;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const mode = view.getUint32(p + 38, true) >>> 16;
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (madeBy === 3 && (mode & 0o170000) === 0o120000) links.add(name);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return links;
}
