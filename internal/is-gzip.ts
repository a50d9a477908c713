/**
 * Whether `bytes` are a gzip stream, told by its content rather than a file name: every gzip
 * member starts with the magic bytes 1f 8b (RFC 1952, 2.3.1). A plain CSV, JSON line or IDX file
 * never does (1f is a control character, IDX starts with 00 00).
 *
 * @param bytes The start of a file, or all of it; fewer than two bytes are never gzip.
 * @example
 * isGzip(Uint8Array.of(0x1f, 0x8b, 8, 0)); // true
 * isGzip(new TextEncoder().encode('a,b\n')); // false
 * @see https://www.rfc-editor.org/rfc/rfc1952#section-2.3.1
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
