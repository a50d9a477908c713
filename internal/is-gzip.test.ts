import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isGzip } from './is-gzip';

describe('isGzip', () => {
  it('tells gzip streams by their magic bytes 1f 8b (RFC 1952)', () => {
    expect(isGzip(gzipSync('a,b\n1,2\n'))).toBe(true);
    expect(isGzip(gzipSync(new Uint8Array(0)))).toBe(true);
    expect(isGzip(Uint8Array.of(0x1f, 0x8b))).toBe(true);
  });

  it('leaves plain files, swapped magic and short inputs out', () => {
    expect(isGzip(new TextEncoder().encode('{"type":"run"}\n'))).toBe(false);
    expect(isGzip(Uint8Array.of(0, 0, 8, 3))).toBe(false);
    expect(isGzip(Uint8Array.of(0x8b, 0x1f))).toBe(false);
    expect(isGzip(Uint8Array.of(0x1f))).toBe(false);
    expect(isGzip(new Uint8Array(0))).toBe(false);
  });
});
