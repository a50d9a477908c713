import { checkLimit } from '../../../internal/limits';
import { SnnError } from '../../../internal/snn-error';
import { maybeGunzip } from './gzip';
import type { Split } from './split';

/** A decoded IDX file (unsigned-byte payload only, as MNIST and Fashion-MNIST use). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** IDX magic of an unsigned-byte file with `ndims` dimensions: 0x00000800 + ndims. */
const IDX_IMAGES_MAGIC = 0x00000803;
const IDX_LABELS_MAGIC = 0x00000801;

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

/**
 * Decodes an IDX file (LeCun's format: big-endian int32 magic `0x000008NN` for unsigned bytes
 * with NN dimensions, NN big-endian int32 sizes, then the payload). Gzip input is decompressed.
 *
 * @param bytes the file's bytes, raw or gzip.
 * @param file name of the file, used in errors.
 * @param magic the expected magic: 0x00000803 for images, 0x00000801 for labels.
 * @example
 * const labels = parseIdx(bytes, 'train-labels-idx1-ubyte.gz', 0x00000801);
 * @see https://arxiv.org/abs/1706.02515
 */
export function parseIdx(bytes: Uint8Array, file: string, magic: number): IdxArray {
  const raw = maybeGunzip(bytes, file);
  const kind = magic === IDX_IMAGES_MAGIC ? 'an image file' : 'a label file';
  if (raw.length < 4) {
    throw new SnnError(
      `${file}: not an IDX file: ${raw.length} bytes, shorter than the 4-byte magic; the file is truncated — download it again`,
    );
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const found = view.getUint32(0, false);
  if (found !== magic) {
    throw new SnnError(
      `${file}: wrong IDX magic ${hex(found)}, expected ${hex(magic)} (${kind} of unsigned bytes); check that this is the right file and not corrupt`,
    );
  }
  const ndims = magic & 0xff;
  const header = 4 + 4 * ndims;
  if (raw.length < header) {
    throw new SnnError(
      `${file}: truncated IDX header: ${raw.length} bytes, the header needs ${header}; download the file again`,
    );
  }
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < ndims; i++) {
    const v = view.getUint32(4 + 4 * i, false);
    dims.push(v);
    size *= v;
  }
  // Checked before the caller turns the bytes into floats (four bytes per value).
  checkLimit('rows', dims[0]!, `${file}: the IDX header's item count`);
  if (ndims > 1)
    checkLimit('columns', size / dims[0]!, `${file}: the IDX header's values per item`);
  const payload = raw.length - header;
  if (payload < size) {
    throw new SnnError(
      `${file}: truncated payload: the header promises ${dims.join(' × ')} = ${size} bytes, found ${payload}; download the file again`,
    );
  }
  if (payload > size) {
    throw new SnnError(
      `${file}: ${payload - size} unexpected bytes after the ${dims.join(' × ')} payload; the file is corrupt — download it again`,
    );
  }
  return { dims, data: raw.subarray(header) };
}

/** File names used in errors by `idxSplit`. */
export interface IdxPairNames {
  images: string;
  labels: string;
}

/**
 * Builds a split from an IDX image file and its label file: `x` = pixel / 255 (in [0, 1]),
 * `y` = class index.
 *
 * @param imagesBytes IDX images (magic 0x00000803), raw or gzip.
 * @param labelsBytes IDX labels (magic 0x00000801), raw or gzip.
 * @param names the two file names, for errors.
 * @param options `classes` (labels must be below it, default 10) and `imageShape` (default [28, 28]).
 * @example
 * const test = idxSplit(imagesBytes, labelsBytes, { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' });
 * @see https://arxiv.org/abs/1706.02515
 */
export function idxSplit(
  imagesBytes: Uint8Array,
  labelsBytes: Uint8Array,
  names: IdxPairNames,
  options: { classes?: number; imageShape?: [number, number] } = {},
): Split {
  const classes = options.classes ?? 10;
  const [h, w] = options.imageShape ?? [28, 28];
  const images = parseIdx(imagesBytes, names.images, IDX_IMAGES_MAGIC);
  const labels = parseIdx(labelsBytes, names.labels, IDX_LABELS_MAGIC);
  const [n, rows, cols] = images.dims as [number, number, number];
  if (rows !== h || cols !== w) {
    throw new SnnError(
      `${names.images}: images must be ${h} × ${w}, found ${rows} × ${cols}; pass the matching dataset's files`,
    );
  }
  const m = labels.dims[0]!;
  if (m !== n) {
    throw new SnnError(
      `${names.images} has ${n} images but ${names.labels} has ${m} labels; the two files must belong together (train with train, t10k with t10k)`,
    );
  }
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = labels.data[i]!;
    if (c >= classes) {
      throw new SnnError(
        `${names.labels}: label ${c} at index ${i} is out of range [0, ${classes}); the file is corrupt or not a ${classes}-class label file`,
      );
    }
    y[i] = c;
  }
  const d = h * w;
  const x = new Float32Array(n * d);
  const px = images.data;
  for (let i = 0; i < x.length; i++) x[i] = px[i]! / 255;
  return { x, y, n, d };
}

export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC };
