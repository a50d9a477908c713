import { describe, expect, it } from 'vitest';
import { PINNED_BLAS_CORE, blasCoreToPin, cpuFlags } from './blas-core';

describe('blasCoreToPin', () => {
  it("asks for Haswell's kernels on CPUs with AVX2 and FMA", () => {
    expect(blasCoreToPin({}, ['sse2', 'avx', 'avx2', 'fma', 'avx512f'])).toBe('Haswell');
    expect(PINNED_BLAS_CORE).toBe('Haswell');
  });
  it('keeps OpenBLAS’s choice without AVX2 or FMA, or with unknown flags', () => {
    expect(blasCoreToPin({}, ['sse2', 'sse4_2', 'avx'])).toBeNull();
    expect(blasCoreToPin({}, ['avx2'])).toBeNull();
    expect(blasCoreToPin({}, null)).toBeNull();
  });
  it('keeps a core the user set, and SNN_BLAS_CORE=native opts out', () => {
    expect(blasCoreToPin({ OPENBLAS_CORETYPE: 'SkylakeX' }, ['avx2', 'fma'])).toBeNull();
    expect(blasCoreToPin({ SNN_BLAS_CORE: 'native' }, ['avx2', 'fma'])).toBeNull();
  });
  it('reads this machine’s flags on Linux x86-64', async () => {
    const flags = await cpuFlags();
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(flags).toContain('sse2');
    } else {
      expect(flags).toBeNull();
    }
  });
});
