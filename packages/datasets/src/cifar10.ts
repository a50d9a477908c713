import { checkLimit } from '../../../internal/limits';
import { SnnError } from '../../../internal/snn-error';
import { requireNode } from './environment';
import type { RemoteFile, RemoteOptions } from './remote';
import type { Split } from './split';

const RECORD = 3073;
const PIXELS = 3072;

/** File names of the CIFAR-10 binary version. */
export const CIFAR10_TRAIN_FILES = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`);
export const CIFAR10_TEST_FILE = 'test_batch.bin';

/**
 * CIFAR-10 binary version from the authors' page. Only an MD5 is published there
 * (c32a1d4ab5d03f1284b67883e8d87530, "CIFAR-10 binary version (suitable for C programs)").
 */
export const CIFAR10_REMOTE: RemoteFile = {
  dataset: 'cifar-10',
  file: 'cifar-10-binary.tar.gz',
  mirrors: ['https://www.cs.toronto.edu/~kriz/'],
  md5: 'c32a1d4ab5d03f1284b67883e8d87530',
  checkedBy: 'MD5 published on https://www.cs.toronto.edu/~kriz/cifar.html',
};

/** CIFAR-10's class names, by label 0…9. */
export const CIFAR10_CLASS_NAMES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

/** CIFAR-10 as plain arrays. */
export interface Cifar10Dataset {
  train: Split;
  test: Split;
  classes: 10;
  /** Channel-first, as stored: 1024 red, then 1024 green, then 1024 blue values, each 32 × 32 row-major. */
  imageShape: [3, 32, 32];
  classNames: readonly string[];
}

/**
 * Decodes CIFAR-10 binary batches: records of 3,073 bytes (label byte, then 3,072 pixel bytes),
 * into one split with x = byte / 255 (3,072 features) and y = label.
 *
 * @param batches the files' bytes and names (names appear in errors).
 * @example
 * const test = cifar10Split([{ name: 'test_batch.bin', bytes }]);
 * @see https://arxiv.org/abs/1706.02515
 */
export function cifar10Split(batches: { name: string; bytes: Uint8Array }[]): Split {
  let n = 0;
  for (const { name, bytes } of batches) {
    if (bytes.length === 0 || bytes.length % RECORD !== 0) {
      throw new SnnError(
        `${name}: ${bytes.length} bytes is not a whole number of 3,073-byte CIFAR-10 records (label + 3,072 pixels); the file is truncated or not a CIFAR-10 binary batch — download it again`,
      );
    }
    n += bytes.length / RECORD;
  }
  checkLimit('rows', n, `${batches.map((b) => b.name).join(', ')}: the records`);
  const x = new Float32Array(n * PIXELS);
  const y = new Int32Array(n);
  let row = 0;
  for (const { name, bytes } of batches) {
    for (let r = 0; r < bytes.length / RECORD; r++, row++) {
      const at = r * RECORD;
      const label = bytes[at]!;
      if (label > 9) {
        throw new SnnError(
          `${name}: label ${label} in record ${r} is out of range [0, 10); the file is corrupt or not CIFAR-10 (CIFAR-100 has 2 label bytes)`,
        );
      }
      y[row] = label;
      const out = row * PIXELS;
      for (let p = 0; p < PIXELS; p++) x[out + p] = bytes[at + 1 + p]! / 255;
    }
  }
  return { x, y, n, d: PIXELS };
}

/** Options of `loadCifar10`. */
export interface LoadCifar10Options extends RemoteOptions {
  /**
   * `'remote'` (default): download and cache `cifar-10-binary.tar.gz` (162 MB, MD5-checked) and
   * read its six batches from the archive. `{dir}`: a folder holding `cifar-10-batches-bin/`, the
   * `.bin` files themselves, or `cifar-10-binary.tar.gz`.
   */
  source?: 'remote' | { dir: string };
}

/**
 * Loads CIFAR-10 (50,000 / 10,000 colour images, 32 × 32) as plain arrays with 3,072 features
 * per image (x = byte / 255, channel-first). Node only. Needs about 740 MB for the float32 data.
 *
 * @param options `source` and the cache and download options.
 * @example
 * const { train, test } = await loadCifar10({ source: { dir: 'data/cifar' } });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadCifar10(options: LoadCifar10Options = {}): Promise<Cifar10Dataset> {
  const source = options.source ?? 'remote';
  requireNode('loadCifar10', 'fetch the .bin batches yourself and call cifar10Split()');
  const files = await import('./node/files');
  const { join } = files;
  const wanted = [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE];
  let archive: string | undefined;
  let members: Map<string, { name: string; bytes: Uint8Array }>;
  if (source === 'remote') {
    const { ensureCached } = await import('./node/download');
    archive = await ensureCached(CIFAR10_REMOTE, options, 'loadCifar10');
  } else if (typeof source === 'object' && source !== null && typeof source.dir === 'string') {
    const inFolder = (await files.isDirectory(join(source.dir, 'cifar-10-batches-bin')))
      ? join(source.dir, 'cifar-10-batches-bin')
      : source.dir;
    if (!(await files.isFile(join(inFolder, CIFAR10_TEST_FILE)))) {
      const tgz = await files.firstExisting(source.dir, ['cifar-10-binary.tar.gz']);
      if (!tgz) {
        throw new SnnError(
          `loadCifar10: ${source.dir} has neither cifar-10-batches-bin/ nor ${wanted.join(', ')} nor cifar-10-binary.tar.gz; put the CIFAR-10 binary version there`,
        );
      }
      archive = tgz;
    } else {
      members = new Map();
      for (const name of wanted) {
        const path = join(inFolder, name);
        members.set(name, {
          name: path,
          bytes: await files.readBytes(path, `the folder must hold all of ${wanted.join(', ')}`),
        });
      }
    }
  } else {
    throw new SnnError(
      `loadCifar10: \`source\` must be 'remote' or {dir: string}, got ${JSON.stringify(source)}`,
    );
  }
  if (archive) {
    const { readTarMembers } = await import('./node/tar-members');
    const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    const inTar = await readTarMembers(archive, (p) => wanted.includes(base(p)));
    members = new Map();
    for (const [path, bytes] of inTar)
      members.set(base(path), { name: `${archive}:${path}`, bytes });
    for (const name of wanted) {
      if (!members.has(name)) {
        throw new SnnError(
          `loadCifar10: ${archive} has no member ${name}; it is not the CIFAR-10 binary version — download cifar-10-binary.tar.gz again`,
        );
      }
    }
  }
  const get = (name: string) => members!.get(name)!;
  const train = cifar10Split(CIFAR10_TRAIN_FILES.map(get));
  const test = cifar10Split([get(CIFAR10_TEST_FILE)]);
  return { train, test, classes: 10, imageShape: [3, 32, 32], classNames: CIFAR10_CLASS_NAMES };
}
