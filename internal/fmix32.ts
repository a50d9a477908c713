/**
 * MurmurHash3's 32-bit finalizer: a bijective avalanche mix of a 32-bit integer, so that inputs
 * differing in one bit give unrelated outputs (seeds from similar keys, epochs or runs).
 *
 *   h ← h ⊕ (h ≫ 16);  h ← h · 0x85ebca6b;  h ← h ⊕ (h ≫ 13);  h ← h · 0xc2b2ae35;  h ← h ⊕ (h ≫ 16)
 *
 * with ≫ the unsigned shift and · the product mod 2³².
 *
 * @param h Any number; its low 32 bits are mixed.
 * @returns An unsigned 32-bit integer in [0, 2³²).
 * @example
 * fmix32(0); // 0
 * fmix32(1); // 0x514e28b7, MurmurHash3_x86_32 of no bytes with seed 1
 * @see https://github.com/aappleby/smhasher/blob/master/src/MurmurHash3.cpp
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
