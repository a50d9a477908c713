import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { nativeAddon } from '../../../test/backends';
import { SNN_NATIVE, enableNative } from './fast-native';
import { SNN_WASM } from './fast-wasm';
import { loadNativeAddon } from './native-addon';
import { selectBackend } from './select-backend';

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

const noTensorflow = async (specifier: string) => {
  throw Object.assign(new Error(`Cannot find package '${specifier}'`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
};

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
    if (!load.ok) expect(load.why).toMatch(/lacks selu, seluGrad, axpy, sumRows, setThreads, info/);
  });

  it('says how to build it when none is there', async () => {
    const load = await loadNativeAddon();
    if (load.ok) {
      expect(load.blas).toMatch(/OpenBLAS|BLIS/);
    } else {
      expect(load.why).toMatch(/not built .*libopenblas-pthread-dev/);
    }
  });
});

describe('snn-native fallback', () => {
  it('auto falls back to snn-wasm past a corrupt or foreign addon and says why', async () => {
    for (const path of [corrupt, foreign]) {
      const choice = await selectBackend('auto', {
        threads: 1,
        importModule: noTensorflow,
        gpuVisible: false,
        nativeAddon: path,
      });
      expect(choice.name).toBe(SNN_WASM);
      expect(choice.reason).toMatch(
        /snn-native unavailable \(the 'snn-native' addon is unavailable: /,
      );
      expect(choice.reason).toContain(path);
    }
  });

  it('named snn-native with a corrupt addon throws an SnnError that names the way out', async () => {
    const error = await selectBackend('snn-native', { nativeAddon: corrupt }).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(String(error)).toMatch(/corrupt\.node failed to load.*use 'snn-wasm' instead/);
  });

  it('rejects a thread count that is not a positive integer', async () => {
    await expect(enableNative({ threads: 0 })).rejects.toThrow(
      /`threads` must be an integer ≥ 1, got 0/,
    );
    await expect(enableNative({ threads: 1.5 })).rejects.toThrow(/got 1\.5/);
  });
});

(nativeAddon.ok ? describe : describe.skip)('snn-native', () => {
  it('is what auto picks without tfjs-node, with its BLAS and threads in the reason', async () => {
    const choice = await selectBackend('auto', {
      threads: 2,
      importModule: noTensorflow,
      gpuVisible: false,
    });
    expect(choice.name).toBe(SNN_NATIVE);
    expect(choice.reason).toMatch(
      /^auto → snn-native: (OpenBLAS|BLIS) .*\(2 threads\) for matrix products/,
    );
    expect(choice.reason).toMatch(/tfjs-node not installed/);
    expect(tf.getBackend()).toBe(SNN_NATIVE);
  });

  it('refuses sizes and offsets outside the heap instead of touching memory', () => {
    if (!nativeAddon.ok) return;
    const { sumRows } = nativeAddon.addon;
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
  });
});
