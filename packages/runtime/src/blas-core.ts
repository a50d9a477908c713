/**
 * The OpenBLAS kernel set `snn-native` asks for on x86-64 CPUs with AVX2 and FMA: Haswell's.
 *
 * OpenBLAS built with DYNAMIC_ARCH picks its matrix kernels by CPU model at load time (SkylakeX's
 * AVX-512 kernels on a Xeon, Haswell's on an AMD EPYC, …), and those kernels round differently, so
 * the same training run gave other weights on another machine. Every x86-64 CPU since 2013
 * (Intel Haswell, AMD Zen) runs Haswell's kernels, so pinning them makes a result the same on all
 * of them; on AVX-512 CPUs large products lose a little speed.
 */
export const PINNED_BLAS_CORE = 'Haswell';

/**
 * The `OPENBLAS_CORETYPE` to set before the addon loads, or `null` to leave OpenBLAS's own choice:
 * a value the user set is kept; `SNN_BLAS_CORE=native` opts out; CPUs without AVX2 and FMA (or
 * whose flags are unknown) keep OpenBLAS's choice, as they cannot run Haswell's kernels.
 *
 * @param env - the process environment.
 * @param cpuFlags - the CPU's feature flags (Linux: the `flags` line of /proc/cpuinfo), or null.
 * @example
 * blasCoreToPin({}, ['sse2', 'avx2', 'fma']); // 'Haswell'
 * blasCoreToPin({ SNN_BLAS_CORE: 'native' }, ['avx2', 'fma']); // null
 */
export function blasCoreToPin(
  env: Record<string, string | undefined>,
  cpuFlags: readonly string[] | null,
): string | null {
  if (env.OPENBLAS_CORETYPE !== undefined || env.SNN_BLAS_CORE === 'native') return null;
  if (cpuFlags === null || !cpuFlags.includes('avx2') || !cpuFlags.includes('fma')) return null;
  return PINNED_BLAS_CORE;
}

/** The CPU feature flags of this Linux x86-64 machine, or null elsewhere. */
export async function cpuFlags(): Promise<string[] | null> {
  if (globalThis.process?.platform !== 'linux' || globalThis.process.arch !== 'x64') return null;
  try {
    const { readFileSync } = await import('node:fs');
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('flags'));
    return line === undefined
      ? null
      : line
          .slice(line.indexOf(':') + 1)
          .trim()
          .split(/\s+/);
  } catch {
    return null;
  }
}
