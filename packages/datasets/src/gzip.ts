import { gunzipSync } from 'fflate';
import { SnnError } from '../../../internal/snn-error';

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip data with fflate (works in browsers); returns `bytes` unchanged when they are
 * not gzip. `file` names the input in errors.
 */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw badGzip(file, e);
  }
}

/** The error for data that starts like gzip but does not decompress. */
export function badGzip(file: string, cause: unknown): SnnError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new SnnError(
    `${file}: not valid gzip data (${why}); the file is corrupt or truncated — delete it and download it again`,
    { cause },
  );
}
