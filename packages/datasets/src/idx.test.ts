import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { idxSplit, parseIdx } from './idx';
import { loadMnist } from './mnist';
import { filesBelow, gz, idxBytes, idxPair, tempDir } from './testing/fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Writes a 12-train / 5-test IDX set into a new folder; `change` may replace any file's bytes. */
function writeIdxSet(
  name: string,
  compress: boolean,
  change: (files: Record<keyof typeof NAMES, Uint8Array>) => void = () => {},
): string {
  const train = idxPair(12);
  const test = idxPair(5);
  const files = {
    trainImages: train.images,
    trainLabels: train.labels,
    testImages: test.images,
    testLabels: test.labels,
  };
  change(files);
  const dir = join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  for (const [key, bytes] of Object.entries(files)) {
    const file = NAMES[key as keyof typeof NAMES];
    writeFileSync(join(dir, compress ? `${file}.gz` : file), compress ? gz(bytes) : bytes);
  }
  return dir;
}

describe('IDX parsing', () => {
  it('decodes header and payload (raw and gzip)', () => {
    const payload = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    for (const bytes of [idxBytes([3, 1, 2], payload), gz(idxBytes([3, 1, 2], payload))]) {
      const idx = parseIdx(bytes, 'f', 0x803);
      expect(idx.dims).toEqual([3, 1, 2]);
      expect(Array.from(idx.data)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('builds a split with x = byte / 255 and the labels', () => {
    const { images, labels, pixels, y } = idxPair(3);
    const s = idxSplit(images, labels, { images: 'i', labels: 'l' });
    expect([s.n, s.d]).toEqual([3, 784]);
    expect(Array.from(s.y)).toEqual(Array.from(y));
    expect(s.x[785]).toBe(Math.fround(pixels[785]! / 255));
    expect(Math.max(...s.x)).toBeLessThanOrEqual(1);
  });
});

describe('loadMnist({source: {dir}}) on generated IDX fixtures', () => {
  for (const compress of [false, true]) {
    it(`loads ${compress ? 'gzip' : 'raw'} files`, async () => {
      const dir = writeIdxSet(compress ? 'gz' : 'raw', compress);
      const m = await loadMnist({ source: { dir } });
      expect([m.train.n, m.test.n, m.train.d, m.classes]).toEqual([12, 5, 784, 10]);
      expect(m.imageShape).toEqual([28, 28]);
      const { pixels, y } = idxPair(12);
      expect(Array.from(m.train.y)).toEqual(Array.from(y));
      expect(m.train.x[105]).toBe(Math.fround(pixels[105]! / 255));
    });
  }

  it('accepts the dotted file names (train-images.idx3-ubyte)', async () => {
    const dir = writeIdxSet('dotted', false);
    for (const file of Object.values(NAMES)) {
      renameSync(join(dir, file), join(dir, file.replace(/-(idx\d)/, '.$1')));
    }
    expect((await loadMnist({ source: { dir } })).train.n).toBe(12);
  });

  const hostile: Array<
    [string, (f: Record<keyof typeof NAMES, Uint8Array>) => void, boolean, RegExp]
  > = [
    [
      'wrong IDX magic',
      (f) => {
        f.trainImages = idxBytes([12, 28, 28], idxPair(12).pixels, 0x801);
      },
      false,
      /train-images-idx3-ubyte: wrong IDX magic 0x00000801, expected 0x00000803/,
    ],
    [
      'a truncated payload',
      (f) => {
        f.testImages = f.testImages.subarray(0, f.testImages.length - 100);
      },
      true,
      /t10k-images-idx3-ubyte\.gz: truncated payload: the header promises 5 × 28 × 28 = 3920 bytes, found 3820/,
    ],
    [
      'an image/label count mismatch',
      (f) => {
        f.trainLabels = idxBytes([11], idxPair(11).y);
      },
      false,
      /train-images-idx3-ubyte has 12 images but .*train-labels-idx1-ubyte has 11 labels/,
    ],
    [
      'a label out of range',
      (f) => {
        f.testLabels = idxBytes([5], Uint8Array.from([0, 1, 2, 10, 4]));
      },
      true,
      /t10k-labels-idx1-ubyte\.gz: label 10 at index 3 is out of range \[0, 10\)/,
    ],
    [
      'images of the wrong size',
      (f) => {
        f.trainImages = idxBytes([12, 32, 32], new Uint8Array(12 * 1024));
      },
      false,
      /train-images-idx3-ubyte: images must be 28 × 28, found 32 × 32/,
    ],
    [
      'trailing bytes',
      (f) => {
        f.testLabels = idxBytes([5], Uint8Array.from([0, 1, 2, 3, 4, 5]));
      },
      false,
      /t10k-labels-idx1-ubyte: 1 unexpected bytes after the 5 payload/,
    ],
  ];
  for (const [what, change, compress, message] of hostile) {
    it(`refuses ${what}, naming the file`, async () => {
      const dir = writeIdxSet(`bad-${what.replaceAll(/\W/g, '-')}`, compress, change);
      const cache = join(tmp.path, `cache-${what.replaceAll(/\W/g, '-')}`);
      const error = await loadMnist({ source: { dir }, cacheDir: cache }).catch((e) => e);
      expect(error).toBeInstanceOf(SnnError);
      expect(error.message).toMatch(message);
      expect(filesBelow(cache)).toEqual([]);
    });
  }

  it('refuses bad gzip, naming the file', async () => {
    const dir = writeIdxSet('badgz', true);
    const path = join(dir, 'train-labels-idx1-ubyte.gz');
    const bytes = readFileSync(path);
    bytes.fill(0x55, 10, 30);
    writeFileSync(path, bytes);
    await expect(loadMnist({ source: { dir } })).rejects.toThrow(
      /train-labels-idx1-ubyte\.gz: not valid gzip data \(.*\); the file is corrupt or truncated/,
    );
  });

  it('names the folder and the expected files when one is missing', async () => {
    const dir = writeIdxSet('missing', true);
    unlinkSync(join(dir, 't10k-labels-idx1-ubyte.gz'));
    await expect(loadMnist({ source: { dir } })).rejects.toThrow(
      /has no t10k-labels-idx1-ubyte\.gz \/ t10k-labels-idx1-ubyte/,
    );
  });
});
