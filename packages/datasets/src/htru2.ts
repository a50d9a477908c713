import { checkLimit } from '../../../internal/limits';
import { SnnError } from '../../../internal/snn-error';
import { readZipMembers } from '../../../internal/zip-members';
import { requireNode } from './environment';
import { stratifiedFolds } from './folds';
import type { RemoteFile, RemoteOptions } from './remote';
import type { Split } from './split';
import { decodeText, nonEmptyLines, numberCell, splitCsvLine } from './text-table';

/** Expected size of HTRU2 (Lyon et al. 2016): rows, features, positives (pulsars). */
export const HTRU2_ROWS = 17898;
export const HTRU2_FEATURES = 8;
export const HTRU2_POSITIVES = 1639;

/** The CSV member of the UCI zip. */
export const HTRU2_CSV = 'HTRU_2.csv';

/**
 * HTRU2 from the UCI repository (CC BY 4.0). No checksum is published, so a download is
 * accepted only after a structure check: a zip holding HTRU_2.csv with 17,898 rows of 8
 * features and a 0/1 class, 1,639 of them 1.
 */
export const HTRU2_REMOTE: RemoteFile = {
  dataset: 'htru2',
  file: 'HTRU2.zip',
  mirrors: ['https://archive.ics.uci.edu/ml/machine-learning-databases/00372/'],
  checkedBy:
    'structure check: HTRU_2.csv with 17,898 rows × 9 columns, 1,639 positives; no checksum is published',
  verify: async (path, label) => {
    const { readBytes } = await import('./node/files');
    const data = htru2FromBytes(await readBytes(path), label);
    let positives = 0;
    for (const v of data.y) positives += v;
    if (data.n !== HTRU2_ROWS || positives !== HTRU2_POSITIVES) {
      throw new SnnError(
        `${label}: ${data.n} rows with ${positives} positives, expected ${HTRU2_ROWS} with ${HTRU2_POSITIVES}; not the UCI HTRU2 data`,
      );
    }
  },
};

/**
 * Parses HTRU_2.csv: 8 float features and a 0/1 class per row. A header line, a byte-order
 * mark and CRLF line ends are tolerated; every row must have 9 cells.
 *
 * @param text the CSV text.
 * @param file its name, for errors.
 */
export function parseHtru2Csv(text: string, file: string): Split {
  const lines = nonEmptyLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const cells = HTRU2_FEATURES + 1;
  // A header is a first line whose first cell is not a number.
  if (
    lines.length > 0 &&
    !Number.isFinite(Number(splitCsvLine(lines[0]!.text)[0]!.trim() || 'x'))
  ) {
    lines.shift();
  }
  const n = lines.length;
  if (n === 0) throw new SnnError(`${file}: no data rows; the file is empty or truncated`);
  checkLimit('rows', n, `${file}: the data rows`);
  const x = new Float32Array(n * HTRU2_FEATURES);
  const y = new Int32Array(n);
  lines.forEach(({ line, text: l }, i) => {
    const row = splitCsvLine(l);
    if (row.length !== cells) {
      throw new SnnError(
        `${file}: line ${line}: ragged row with ${row.length} cells, expected ${cells} (8 features, class); the file is corrupt`,
      );
    }
    for (let j = 0; j < HTRU2_FEATURES; j++)
      x[i * HTRU2_FEATURES + j] = numberCell(row[j]!, file, line, j + 1);
    const c = numberCell(row[HTRU2_FEATURES]!, file, line, cells);
    if (c !== 0 && c !== 1) {
      throw new SnnError(`${file}: line ${line}: class ${c}, expected 0 or 1; the file is corrupt`);
    }
    y[i] = c;
  });
  return { x, y, n, d: HTRU2_FEATURES };
}

/** HTRU2 from the bytes of `HTRU2.zip` or `HTRU_2.csv`; `file` names it in errors. */
export function htru2FromBytes(bytes: Uint8Array, file: string): Split {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) return parseHtru2Csv(decodeText(bytes), file);
  const members = readZipMembers(bytes, file, (p) => p.split('/').pop() === HTRU2_CSV);
  const [entry] = members;
  if (!entry) {
    throw new SnnError(
      `${file}: the zip holds no ${HTRU2_CSV}; pass the UCI HTRU2.zip or the CSV itself`,
    );
  }
  return parseHtru2Csv(decodeText(entry[1]), `${file}:${entry[0]}`);
}

/** Options of `loadHtru2`. */
export interface LoadHtru2Options extends RemoteOptions {
  /** `'remote'` (default): download and cache the UCI zip; `{file}`: `HTRU2.zip` or `HTRU_2.csv`. */
  source?: 'remote' | { file: string };
  /** Seed of the stratified fold assignment (mulberry32, see `stratifiedFolds`). Default 0. */
  seed?: number;
}

/**
 * Loads HTRU2 (pulsar candidates; 17,898 rows, 8 features, 1,639 pulsars) and assigns every row
 * to one of 10 stratified folds, reproducibly from `seed`, for the paper's 10-fold nested
 * cross-validation (see `nestedCvSplit`). Features are raw; standardize per training fold.
 *
 * @param options `source`, `seed`, and cache and download options.
 * @example
 * const { data, folds } = await loadHtru2({ source: { file: 'HTRU2.zip' } });
 * console.log(data.n, data.d); // 17898 8
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadHtru2(
  options: LoadHtru2Options = {},
): Promise<{ data: Split; folds: Int32Array }> {
  const source = options.source ?? 'remote';
  requireNode('loadHtru2', 'fetch HTRU2.zip yourself and call htru2FromBytes()');
  const { readBytes } = await import('./node/files');
  let path: string;
  if (source === 'remote') {
    const { ensureCached } = await import('./node/download');
    path = await ensureCached(HTRU2_REMOTE, options, 'loadHtru2');
  } else if (typeof source === 'object' && source !== null && typeof source.file === 'string') {
    path = source.file;
  } else {
    throw new SnnError(
      `loadHtru2: \`source\` must be 'remote' or {file: string}, got ${JSON.stringify(source)}`,
    );
  }
  const data = htru2FromBytes(await readBytes(path, 'pass HTRU2.zip or HTRU_2.csv'), path);
  return { data, folds: stratifiedFolds(data.y, 10, options.seed ?? 0) };
}
