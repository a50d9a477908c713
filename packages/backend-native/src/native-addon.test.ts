import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNativeAddon, nativePlatformKey, prebuiltAddonPath } from './native-addon';

const dir = mkdtempSync(join(tmpdir(), 'snn-native-'));

/** A file that is no shared object at all. */
const corrupt = join(dir, 'corrupt.node');
writeFileSync(corrupt, 'not an ELF file\n'.repeat(64));

/**
 * A 64-bit little-endian ELF header for AArch64 (e_machine 183): an addon built for another
 * architecture. The dynamic loader rejects it before reading anything past the header.
 */
const foreign = join(dir, 'aarch64.node');
const header = Buffer.alloc(64);
header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0); // \x7fELF, 64-bit, little-endian, version 1
header.writeUInt16LE(3, 16); // ET_DYN
header.writeUInt16LE(183, 18); // EM_AARCH64
header.writeUInt32LE(1, 20);
header.writeUInt16LE(64, 52); // e_ehsize
writeFileSync(foreign, header);

describe('loadNativeAddon', () => {
  it('reports a corrupt binary instead of throwing', async () => {
    const load = await loadNativeAddon(corrupt);
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.why).toMatch(/corrupt\.node failed to load \(.*(ELF|invalid)/i);
  });

  it('reports a binary for another architecture instead of throwing', async () => {
    const load = await loadNativeAddon(foreign);
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.why).toMatch(/aarch64\.node failed to load/);
  });

  it('reports a shared object that is not the addon', async () => {
    // A real loadable Node module of another kind: its exports lack the addon's functions.
    const other = join(dir, 'other.js');
    writeFileSync(other, 'module.exports = { gemm() {} };');
    const load = await loadNativeAddon(other);
    expect(load.ok).toBe(false);
    if (!load.ok)
      expect(load.why).toMatch(
        /lacks selu, seluGrad, axpy, sumRows, weightNorm, weightNormGrad, layerNorm, layerNormGrad, batchNormGrad, biasAdd, batchNormTrain, batchNormTrainGrad, aleaUniform, dropout, dropoutGrad, highway, highwayGrad, setThreads, info/,
      );
  });

  it('says how to build it when none is there', async () => {
    const load = await loadNativeAddon();
    if (load.ok) {
      expect(load.blas).toMatch(/OpenBLAS|BLIS/);
    } else {
      expect(load.why).toMatch(/not installed for .*libopenblas-pthread-dev/);
    }
  });

  it('names the prebuilt package by platform (and libc on Linux)', async () => {
    const key = nativePlatformKey();
    expect(key.startsWith(`${process.platform}-${process.arch}`)).toBe(true);
    if (process.platform === 'linux') expect(key).toMatch(/-(gnu|musl)$/);
    // Where one is installed, it is the platform package's binary (in this repository the
    // package resolves to its folder npm/<platform>/, which holds one once packed).
    const prebuilt = await prebuiltAddonPath();
    if (prebuilt !== null) expect(prebuilt).toMatch(new RegExp(`${key}[/\\\\]snn-native\\.node$`));
  });
});

const native = await loadNativeAddon();

(native.ok ? describe : describe.skip)('the addon', () => {
  it('refuses sizes and offsets outside the heap instead of touching memory', () => {
    if (!native.ok) return;
    const { sumRows } = native.addon;
    const heap = new Uint8Array(64);
    const view = new Float32Array(heap.buffer);
    view.set([1, 2, 3, 4, 5, 6]);
    sumRows(heap, 3, 2, 0, 32); // rows of [1, 2], [3, 4], [5, 6] into bytes 32…39
    expect([view[8], view[9]]).toEqual([9, 12]);
    for (const [rows, cols, xOff, outOff] of [
      [3, 2, 48, 32], // x runs past the end
      [3, 2, 0, 60], // out runs past the end
      [-1, 2, 0, 32],
      [2 ** 40, 2 ** 40, 0, 32], // rows · cols overflows without the bound
      [3, 2, 2, 32], // misaligned
    ] as const) {
      expect(() => sumRows(heap, rows, cols, xOff, outOff)).toThrow(
        /sumRows: expected \(heap, rows, cols, xOff, outOff\)/,
      );
    }
    // The widest elementwise call: eight vectors of 2 floats in a 64-byte heap.
    const { highwayGrad } = native.addon;
    const offsets = [0, 8, 16, 24, 32, 40, 48, 56] as const;
    highwayGrad(heap, 2, ...offsets);
    for (const bad of [
      [2, 0, 8, 16, 24, 32, 40, 48, 60],
      [3, ...offsets],
    ] as const) {
      expect(() => (highwayGrad as (...a: unknown[]) => void)(heap, ...bad)).toThrow(
        /highwayGrad: expected \(heap, size, dyOff, cOff, hOff, tOff, sOff, dcOff, dhOff, dtOff\) inside the heap/,
      );
    }
    expect(() => (highwayGrad as (...a: unknown[]) => void)(heap, 2, ...offsets.slice(1))).toThrow(
      /highwayGrad: expected/,
    );
  });

  /**
   * The OpenBLAS kernels a fresh Node process loads the addon with under `env` (the rest of the
   * environment without OPENBLAS_CORETYPE and SNN_BLAS_CORE), and the OPENBLAS_CORETYPE it then has.
   */
  const loadIn = (env: Record<string, string>): { core: string; coretype: string } => {
    const path = native.ok ? native.path : '';
    const script = `const { blas } = require(${JSON.stringify(path)}).info();
      console.log(JSON.stringify({ core: / (\\w+) MAX_THREADS/.exec(blas)[1], coretype: String(process.env.OPENBLAS_CORETYPE) }));`;
    const { OPENBLAS_CORETYPE, SNN_BLAS_CORE, ...rest } = process.env;
    const out = execFileSync(process.execPath, ['-e', script], {
      env: { ...rest, ...env },
      encoding: 'utf8',
    });
    return JSON.parse(out);
  };
  const cpuFlags = existsSync('/proc/cpuinfo')
    ? (/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '').split(/\s+/)
    : [];
  const openblasOnX64 = native.ok && native.blas.startsWith('OpenBLAS') && process.arch === 'x64';

  it.runIf(openblasOnX64)(
    "asks OpenBLAS for Haswell's kernels on CPUs with AVX2 and FMA, unless told otherwise",
    () => {
      const avx2Fma = cpuFlags.includes('avx2') && cpuFlags.includes('fma');
      const pinned = { core: 'Haswell', coretype: 'Haswell' };
      if (avx2Fma) expect(loadIn({})).toEqual(pinned);
      else expect(loadIn({})).not.toEqual(pinned);
      // A core the user set is kept; SNN_BLAS_CORE=native leaves the choice to OpenBLAS.
      expect(loadIn({ OPENBLAS_CORETYPE: 'Sandybridge' })).toEqual({
        core: 'Sandybridge',
        coretype: 'Sandybridge',
      });
      expect(loadIn({ SNN_BLAS_CORE: 'native' }).coretype).toBe('undefined');
    },
  );
});
