import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES, cifar10Split, loadCifar10 } from './cifar10';
import { type TarEntry, filesBelow, gz, tarBytes, tempDir } from './testing/fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** `records` CIFAR-10 records: label (seed + r) mod 10, pixel p = (seed + 3r + p) mod 256. */
function batch(records: number, seed: number): Uint8Array {
  const out = new Uint8Array(records * 3073);
  for (let r = 0; r < records; r++) {
    out[r * 3073] = (seed + r) % 10;
    for (let p = 0; p < 3072; p++) out[r * 3073 + 1 + p] = (seed + 3 * r + p) % 256;
  }
  return out;
}

const batches = (): Record<string, Uint8Array> =>
  Object.fromEntries(
    [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE].map((f, i) => [f, batch(4, 10 * i)]),
  );

function writeFolder(
  name: string,
  files: Record<string, Uint8Array>,
  sub = 'cifar-10-batches-bin',
): string {
  const dir = join(tmp.path, name);
  mkdirSync(join(dir, sub), { recursive: true });
  for (const [f, bytes] of Object.entries(files)) writeFileSync(join(dir, sub, f), bytes);
  return dir;
}

function writeArchive(name: string, entries: TarEntry[]): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cifar-10-binary.tar.gz'), gz(tarBytes(entries)));
  return dir;
}

function checkSplits(c: Awaited<ReturnType<typeof loadCifar10>>) {
  expect([c.train.n, c.test.n, c.train.d]).toEqual([20, 4, 3072]);
  expect(c.imageShape).toEqual([3, 32, 32]);
  // train row 5 = record 1 of data_batch_2 (seed 10): label 1 + 10 ≡ 1, pixel p = (13 + p) mod 256
  expect(c.train.y[5]).toBe(1);
  expect(c.train.x[5 * 3072 + 2000]).toBe(Math.fround(((13 + 2000) % 256) / 255));
  expect(c.test.y[3]).toBe((50 + 3) % 10);
}

describe('CIFAR-10 binary loader on generated fixtures', () => {
  it('reads cifar-10-batches-bin/ in a folder', async () => {
    checkSplits(await loadCifar10({ source: { dir: writeFolder('folder', batches()) } }));
  });

  it('reads the .bin files directly in the folder', async () => {
    checkSplits(await loadCifar10({ source: { dir: writeFolder('flat', batches(), '') } }));
  });

  it('reads cifar-10-binary.tar.gz without unpacking it', async () => {
    const entries: TarEntry[] = [{ name: 'cifar-10-batches-bin/', type: '5' }];
    for (const [f, bytes] of Object.entries(batches()))
      entries.push({ name: `cifar-10-batches-bin/${f}`, data: bytes });
    entries.push({ name: 'cifar-10-batches-bin/batches.meta.txt', data: 'airplane\n' });
    const dir = writeArchive('tgz', entries);
    checkSplits(await loadCifar10({ source: { dir } }));
    expect(filesBelow(dir)).toEqual(['cifar-10-binary.tar.gz']);
  });

  it('refuses a truncated record, naming the file', async () => {
    const files = batches();
    files['data_batch_3.bin'] = files['data_batch_3.bin']!.subarray(0, 3073 * 2 + 100);
    const error = await loadCifar10({ source: { dir: writeFolder('truncated', files) } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(SnnError);
    expect(error.message).toMatch(
      /data_batch_3\.bin: 6246 bytes is not a whole number of 3,073-byte CIFAR-10 records/,
    );
  });

  it('refuses a label out of range, naming the file', async () => {
    const files = batches();
    files['test_batch.bin']![3073] = 10;
    await expect(loadCifar10({ source: { dir: writeFolder('label', files) } })).rejects.toThrow(
      /test_batch\.bin: label 10 in record 1 is out of range \[0, 10\)/,
    );
  });

  it('names the missing batch', async () => {
    const files = batches();
    Reflect.deleteProperty(files, 'data_batch_4.bin');
    await expect(loadCifar10({ source: { dir: writeFolder('missing', files) } })).rejects.toThrow(
      /data_batch_4\.bin: file not found/,
    );
  });

  it('refuses an archive entry with ../, naming archive and entry', async () => {
    const entries: TarEntry[] = Object.entries(batches()).map(([f, data]) => ({
      name: `cifar-10-batches-bin/${f}`,
      data,
    }));
    entries.push({ name: 'cifar-10-batches-bin/../../evil.bin', data: 'x' });
    const dir = writeArchive('evil', entries);
    await expect(loadCifar10({ source: { dir } })).rejects.toThrow(
      /cifar-10-binary\.tar\.gz: refusing archive entry "cifar-10-batches-bin\/\.\.\/\.\.\/evil\.bin"/,
    );
  });

  it('cifar10Split decodes channel-first pixels / 255', () => {
    const s = cifar10Split([{ name: 'b', bytes: batch(2, 7) }]);
    expect(Array.from(s.y)).toEqual([7, 8]);
    expect(s.x[3072 + 1024]).toBe(Math.fround(((7 + 3 + 1024) % 256) / 255));
  });
});
