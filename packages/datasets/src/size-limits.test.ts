// Every loader checks the sizes a file announces against the limits (internal/limits.ts) before
// it allocates the float arrays those sizes would need.
import { afterEach, describe, expect, it } from 'vitest';
import { cifar10Split } from './cifar10';
import { parseHtru2Csv } from './htru2';
import { IDX_IMAGES_MAGIC, parseIdx } from './idx';
import { parseDense } from './tox21-parse';
import { parseUciMetadata } from './uci121-parse';

const saved = { rows: process.env.SNN_MAX_ROWS, columns: process.env.SNN_MAX_COLUMNS };
afterEach(() => {
  process.env.SNN_MAX_ROWS = saved.rows ?? '';
  process.env.SNN_MAX_COLUMNS = saved.columns ?? '';
});

/** An IDX image header (no payload) announcing `dims`. */
function idxHeader(dims: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x00000800 + dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return bytes;
}

const uciMetadata = (rows: number, features: number) =>
  `n_entradas= ${features}\nn_clases= 2\nn_arquivos= 1\nfich1= x_R.dat\nn_patrons1= ${rows}\nn_patrons_entrena= 10\nn_patrons_valida= 5\n`;

describe('loaders refuse announced sizes above the limits, naming the file and the field', () => {
  it('UCI metadata: n_patrons1 and n_entradas', () => {
    expect(parseUciMetadata(uciMetadata(150, 4), 'iris.txt').n1).toBe(150);
    expect(() => parseUciMetadata(uciMetadata(1e9, 4), 'x.txt')).toThrow(
      'x.txt: `n_patrons1=`: 1,000,000,000 rows in one data set, more than the limit of 10,000,000; if this is intended, raise the limit: SNN_MAX_ROWS=1000000000',
    );
    expect(() => parseUciMetadata(uciMetadata(150, 200_000), 'x.txt')).toThrow(
      'x.txt: `n_entradas=`: 200,000 columns in one data set, more than the limit of 100,000; if this is intended, raise the limit: SNN_MAX_COLUMNS=200000',
    );
  });

  it('IDX headers: the item count and the values per item, before the payload is looked at', () => {
    expect(() => parseIdx(idxHeader([1e8, 28, 28]), 'huge-idx3-ubyte', IDX_IMAGES_MAGIC)).toThrow(
      "huge-idx3-ubyte: the IDX header's item count: 100,000,000 rows in one data set, more than the limit of 10,000,000; if this is intended, raise the limit: SNN_MAX_ROWS=100000000",
    );
    expect(() => parseIdx(idxHeader([1, 1000, 1000]), 'wide-idx3-ubyte', IDX_IMAGES_MAGIC)).toThrow(
      /wide-idx3-ubyte: the IDX header's values per item: 1,000,000 columns in one data set, .*SNN_MAX_COLUMNS=1000000/,
    );
    // Within the limits, the truncated payload is what is reported.
    expect(() => parseIdx(idxHeader([2, 2, 2]), 'small-idx3-ubyte', IDX_IMAGES_MAGIC)).toThrow(
      /truncated payload/,
    );
  });

  it('CSV files (Tox21 dense features, HTRU2): rows and header columns', () => {
    const csv = (rows: number, columns: number) => {
      const header = ['id', ...Array.from({ length: columns }, (_, j) => `f${j}`)].join(',');
      const row = (i: number) =>
        [`c${i}`, ...Array.from({ length: columns }, () => '0.5')].join(',');
      return new TextEncoder().encode(
        [header, ...Array.from({ length: rows }, (_, i) => row(i))].join('\n'),
      );
    };
    expect(parseDense(csv(3, 2), 'dense.csv').n).toBe(3);
    process.env.SNN_MAX_ROWS = '2';
    expect(() => parseDense(csv(3, 2), 'dense.csv')).toThrow(
      'dense.csv: the data rows: 3 rows in one data set, more than the limit of 2; if this is intended, raise the limit: SNN_MAX_ROWS=3',
    );
    expect(() =>
      parseHtru2Csv('1,2,3,4,5,6,7,8,0\n1,2,3,4,5,6,7,8,1\n1,2,3,4,5,6,7,8,0\n', 'HTRU_2.csv'),
    ).toThrow('HTRU_2.csv: the data rows: 3 rows in one data set, more than the limit of 2');
    process.env.SNN_MAX_ROWS = '';
    process.env.SNN_MAX_COLUMNS = '3';
    expect(() => parseDense(csv(1, 4), 'dense.csv')).toThrow(
      "dense.csv: the header's feature columns: 4 columns in one data set, more than the limit of 3",
    );
  });

  it('CIFAR-10 batches: the records', () => {
    const record = new Uint8Array(3073);
    const bytes = new Uint8Array(3 * 3073);
    for (let r = 0; r < 3; r++) bytes.set(record, r * 3073);
    expect(cifar10Split([{ name: 'test_batch.bin', bytes }]).n).toBe(3);
    process.env.SNN_MAX_ROWS = '2';
    expect(() => cifar10Split([{ name: 'test_batch.bin', bytes }])).toThrow(
      'test_batch.bin: the records: 3 rows in one data set, more than the limit of 2',
    );
  });
});
