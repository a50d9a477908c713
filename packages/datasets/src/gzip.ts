import { gunzipSync } from 'fflate';
import { isGzip } from '../../../internal/is-gzip';
import { SnnError } from '../../../internal/snn-error';

/**
 * Decompresses gzip data; returns `bytes` unchanged when they are not gzip (told by the magic
 * bytes 1f 8b, not the name). Data that starts like gzip but does not decompress is an `SnnError`
 * naming `file` and the fix.
 *
 * @param bytes A whole file, gzip or raw.
 * @param file The input as the user knows it, for errors.
 * @param gunzip The decompressor: fflate by default (works in browsers); the Node loaders pass
 *   `zlib.gunzipSync`, about 3× faster.
 * @example
 * const raw = maybeGunzip(bytes, 'train-labels-idx1-ubyte.gz');
 */
export function maybeGunzip(
  bytes: Uint8Array,
  file: string,
  gunzip: (data: Uint8Array) => Uint8Array = (data) => gunzipSync(data),
): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzip(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new SnnError(
      `${file}: not valid gzip data (${why}); the file is corrupt or truncated — delete it and download it again`,
      { cause: e },
    );
  }
}
