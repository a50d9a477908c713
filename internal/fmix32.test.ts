import { describe, expect, it } from 'vitest';
import { fmix32 } from './fmix32';

describe('fmix32', () => {
  // MurmurHash3_x86_32 of zero bytes is fmix32(seed): SMHasher's published values for the empty key.
  it("gives MurmurHash3_x86_32's values for the empty key", () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0xffffffff)).toBe(0x81f16f39);
  });

  it('returns unsigned 32-bit integers and mixes only the low 32 bits', () => {
    for (const h of [2, 0x7fffffff, 0x80000000, 123456789]) {
      const out = fmix32(h);
      expect(Number.isInteger(out) && out >= 0 && out < 2 ** 32).toBe(true);
    }
    expect(fmix32(2 ** 32 + 1)).toBe(fmix32(1));
    expect(fmix32(-1)).toBe(fmix32(0xffffffff));
  });
});
