import { readFile } from 'node:fs/promises';
import { parseIdx } from '@snn/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { isGzip } from '../../../../internal/is-gzip';
import { SnnError } from '../../../../internal/snn-error';

/** Rows read by {@link readDoctorData}, as given (not standardized). */
export interface DoctorData {
  x: tf.Tensor2D;
  /** What was read, e.g. `CSV, 300 rows × 16 columns (last column ignored as labels)`. */
  description: string;
}

const IDX_IMAGES = 0x00000803;

function fail(file: string, what: string, fix: string): never {
  throw new SnnError(`${file}: ${what}; ${fix}`);
}

/** IDX images (MNIST layout, raw or gzip), each image flattened to one row of byte values. */
function idxRows(file: string, bytes: Uint8Array, features: number, limit: number): DoctorData {
  const idx = parseIdx(bytes, file, IDX_IMAGES);
  const [count, ...dims] = idx.dims;
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== features) {
    fail(
      file,
      `IDX images of ${dims.join(' × ')} = ${size} values, the model expects ${features} features`,
      'pass images of the size the model was trained on',
    );
  }
  const rows = Math.min(count!, limit);
  const x = tf.tensor2d(Float32Array.from(idx.data.subarray(0, rows * size)), [rows, size]);
  return {
    x,
    description: `IDX images, ${rows} rows × ${size} pixel values (bytes 0–255, as stored)`,
  };
}

/** Numeric CSV (comma, semicolon, tab or space separated; an optional header row). */
function csvRows(file: string, text: string, features: number, limit: number): DoctorData {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cells = (line: string) => line.trim().split(/\s*[,;\t]\s*|\s+/);
  const numeric = (line: string) =>
    cells(line).every((c) => c !== '' && Number.isFinite(Number(c)));
  const header = lines.length > 0 && !numeric(lines[0]!);
  const body = lines.slice(header ? 1 : 0, (header ? 1 : 0) + limit);
  if (body.length < 2)
    fail(file, `${body.length} data rows`, 'pass a CSV with at least 2 rows of numbers');
  const columns = cells(body[0]!).length;
  if (columns !== features && columns !== features + 1) {
    fail(
      file,
      `${columns} columns, the model expects ${features} features`,
      `pass ${features} feature columns (a last label column is ignored)`,
    );
  }
  const values = new Float32Array(body.length * features);
  body.forEach((line, r) => {
    const row = cells(line);
    if (row.length !== columns || !numeric(line)) {
      fail(
        file,
        `row ${r + 1 + (header ? 1 : 0)} has ${row.length} cells or a non-number (${JSON.stringify(line.slice(0, 60))})`,
        'every row needs the same numeric columns',
      );
    }
    for (let f = 0; f < features; f++) values[r * features + f] = Number(row[f]);
  });
  const note = columns === features + 1 ? ', last column ignored as labels' : '';
  return {
    x: tf.tensor2d(values, [body.length, features]),
    description: `CSV, ${body.length} rows × ${features} features${header ? ', header skipped' : ''}${note}`,
  };
}

/**
 * Reads inputs for `snn doctor --data`: a numeric CSV (optional header; one extra last column is
 * taken as labels and ignored) or IDX images (`*-idx3-ubyte`, raw or `.gz`), used as given so the
 * doctor sees whether they are standardized.
 *
 * @param file The data file.
 * @param features The model's input features.
 * @param limit At most this many rows. Default 10,000.
 * @example
 * const { x } = await readDoctorData('test.csv', 16);
 * @see https://arxiv.org/abs/1706.02515
 */
export async function readDoctorData(
  file: string,
  features: number,
  limit = 10_000,
): Promise<DoctorData> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    fail(
      file,
      `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'pass a CSV or IDX file',
    );
  }
  const gzip = isGzip(bytes);
  const idxMagic = bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 8;
  if (gzip || idxMagic || /idx\d-ubyte|\.idx$/.test(file))
    return idxRows(file, bytes, features, limit);
  return csvRows(file, new TextDecoder().decode(bytes), features, limit);
}
