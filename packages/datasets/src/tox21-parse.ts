// The parsers of DeepTox's Tox21 CSV files; errors name the file, the line and the fix.
import { checkLimit } from '../../../internal/limits';
import { SnnError } from '../../../internal/snn-error';
import { decodeText, nonEmptyLines, splitCsvLine } from './text-table';

/** A parsed dense feature file. */
export interface Tox21Dense {
  ids: string[];
  names: string[];
  x: Float32Array;
  n: number;
  d: number;
}

/** A parsed label file: each compound ID's labels and known-label mask, in task order. */
export type Tox21Labels = Map<string, { y: Float32Array; mask: Uint8Array }>;

const MISSING = new Set(['', 'na', 'nan', 'null']);

/** Parses a dense feature file: header, then a compound ID and float columns per row (empty/NA/NaN = missing → NaN). */
export function parseDense(bytes: Uint8Array, file: string): Tox21Dense {
  const lines = nonEmptyLines(decodeText(bytes));
  if (lines.length < 1)
    throw new SnnError(`${file}: empty file, expected a header and rows; the file is truncated`);
  const header = splitCsvLine(lines[0]!.text);
  const d = header.length - 1;
  if (d < 1)
    throw new SnnError(
      `${file}: header has ${header.length} column(s), expected an ID column and features`,
    );
  const n = lines.length - 1;
  checkLimit('columns', d, `${file}: the header's feature columns`);
  checkLimit('rows', n, `${file}: the data rows`);
  const x = new Float32Array(n * d);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { line, text } = lines[i + 1]!;
    const cells = splitCsvLine(text);
    if (cells.length !== d + 1) {
      throw new SnnError(
        `${file}: line ${line}: ragged row with ${cells.length} cells, expected ${d + 1} (ID and ${d} features, as the header); the file is corrupt`,
      );
    }
    ids.push(cells[0]!.trim());
    for (let j = 0; j < d; j++) {
      const t = cells[j + 1]!.trim();
      let v: number;
      if (MISSING.has(t.toLowerCase())) v = Number.NaN;
      else {
        v = Number(t);
        if (!Number.isFinite(v)) {
          throw new SnnError(
            `${file}: line ${line}, column ${j + 2}: "${t}" is not a number; the file is corrupt`,
          );
        }
      }
      x[i * d + j] = v;
    }
  }
  return { ids, names: header.slice(1).map((h) => h.trim()), x, n, d };
}

/** Parses a label file: ID and one 0/1 column per task (empty or NA = missing), by compound ID. */
export function parseLabels(
  bytes: Uint8Array,
  file: string,
  tasks: readonly string[],
): Tox21Labels {
  const lines = nonEmptyLines(decodeText(bytes));
  if (lines.length < 1)
    throw new SnnError(`${file}: empty file, expected a header and rows; the file is truncated`);
  const header = splitCsvLine(lines[0]!.text).map((h) => h.trim());
  const columns = tasks.map((task) => {
    const at = header.indexOf(task);
    if (at < 1) {
      throw new SnnError(
        `${file}: no column for task "${task}" in the header (${header.slice(1).join(', ')}); pass task names from TOX21_TASKS`,
      );
    }
    return at;
  });
  const out: Tox21Labels = new Map();
  for (const { line, text } of lines.slice(1)) {
    const cells = splitCsvLine(text);
    if (cells.length !== header.length) {
      throw new SnnError(
        `${file}: line ${line}: ragged row with ${cells.length} cells, expected ${header.length} (as the header); the file is corrupt`,
      );
    }
    const id = cells[0]!.trim();
    if (out.has(id))
      throw new SnnError(
        `${file}: line ${line}: compound ID "${id}" appears twice; the file is corrupt`,
      );
    const y = new Float32Array(tasks.length);
    const mask = new Uint8Array(tasks.length);
    columns.forEach((col, t) => {
      const raw = cells[col]!.trim();
      if (MISSING.has(raw.toLowerCase())) return;
      const v = Number(raw);
      if (v !== 0 && v !== 1) {
        throw new SnnError(
          `${file}: line ${line}, task ${tasks[t]}: label "${raw}", expected 0, 1, or empty/NA for missing; the file is corrupt`,
        );
      }
      y[t] = v;
      mask[t] = 1;
    });
    out.set(id, { y, mask });
  }
  return out;
}
