import { checkLimit } from '../../../internal/limits';
import { SnnError } from '../../../internal/snn-error';
import type { Split } from './split';

/** The `<name>.txt` metadata of one dataset of the Fernández-Delgado et al. (2014) collection. */
export interface UciMetadata {
  /** `n_entradas`: features. */
  d: number;
  /** `n_clases`: classes. */
  classes: number;
  /** `fich1` and its row count `n_patrons1`. */
  fich1: string;
  n1: number;
  /** `fich2` (separate test file) and `n_patrons2`, when `n_arquivos = 2`. */
  fich2?: string;
  n2?: number;
  /** `n_patrons_entrena`, `n_patrons_valida`: sizes of the train/validation split of `fich1`. */
  nTrain: number;
  nValidation: number;
  /** Every `key= value` pair as written. */
  raw: Record<string, string>;
}

/**
 * Parses `<name>.txt`: whitespace-separated `key=` / value tokens (`n_entradas= 4`).
 *
 * @param text the file's text.
 * @param file its name, for errors.
 */
export function parseUciMetadata(text: string, file: string): UciMetadata {
  const raw: Record<string, string> = {};
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const eq = t.indexOf('=');
    if (eq < 0) {
      throw new SnnError(
        `${file}: expected \`key= value\` pairs, found a stray token "${t}"; the file is corrupt`,
      );
    }
    const key = t.slice(0, eq);
    if (eq < t.length - 1) {
      raw[key] = t.slice(eq + 1);
      continue;
    }
    const value = tokens[i + 1];
    if (value === undefined || value.includes('=')) {
      throw new SnnError(`${file}: key \`${key}=\` has no value; the file is corrupt`);
    }
    raw[key] = value;
    i++;
  }
  const int = (key: string, min: number): number => {
    const v = raw[key];
    const n = v === undefined ? Number.NaN : Number(v);
    if (!Number.isInteger(n) || n < min) {
      throw new SnnError(
        `${file}: \`${key}=\` must be an integer ≥ ${min}, got ${v === undefined ? 'nothing (missing key)' : `"${v}"`}; the metadata file is corrupt`,
      );
    }
    return n;
  };
  const name = (key: string): string => {
    const v = raw[key];
    if (!v || !/^[\w.+-]+$/.test(v) || v === '..' || v === '.') {
      throw new SnnError(
        `${file}: \`${key}=\` must name a data file in the dataset's folder, got ${v === undefined ? 'nothing (missing key)' : `"${v}"`}; the metadata file is corrupt`,
      );
    }
    return v;
  };
  const files = raw.n_arquivos === undefined ? 1 : int('n_arquivos', 1);
  if (files > 2) {
    throw new SnnError(
      `${file}: \`n_arquivos=\` must be 1 or 2, got ${files}; the metadata file is corrupt`,
    );
  }
  const meta: UciMetadata = {
    d: int('n_entradas', 1),
    classes: int('n_clases', 1),
    fich1: name('fich1'),
    n1: int('n_patrons1', 1),
    nTrain: int('n_patrons_entrena', 1),
    nValidation: int('n_patrons_valida', 0),
    raw,
  };
  if (files === 2) {
    meta.fich2 = name('fich2');
    meta.n2 = int('n_patrons2', 1);
  }
  // The sizes decide what the loader allocates: check them before any data file is read.
  checkLimit('columns', meta.d, `${file}: \`n_entradas=\``);
  for (const key of ['n_patrons1', 'n_patrons2', 'n_patrons_entrena', 'n_patrons_valida']) {
    if (raw[key] !== undefined) checkLimit('rows', Number(raw[key]), `${file}: \`${key}=\``);
  }
  return meta;
}

/**
 * Parses a `*_R.dat` file: tab-separated; header = empty cell, f1…fd, `clase`; each row = 1-based
 * row number, d features (`%g`), integer class in [0, classes). Every row must have d + 2 cells
 * and the row count must equal `rows` (from the metadata). CRLF line ends are accepted.
 *
 * @param bytes the file.
 * @param file its name, for errors.
 * @param d features, `classes` classes and `rows` rows, from the metadata.
 */
export function parseUciData(
  bytes: Uint8Array,
  file: string,
  d: number,
  classes: number,
  rows: number,
): Split {
  const text = new TextDecoder().decode(bytes);
  const len = text.length;
  const cells = d + 2;
  const x = new Float32Array(rows * d);
  const y = new Int32Array(rows);
  let pos = 0;
  let line = 0;
  let row = -1; // -1 while the header is still to come
  const fail = (why: string): SnnError => new SnnError(`${file}: line ${line}: ${why}`);
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    let stop = end;
    if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
    line++;
    if (stop > pos) {
      if (row < 0) {
        let found = 1;
        for (let i = text.indexOf('\t', pos); i >= 0 && i < stop; i = text.indexOf('\t', i + 1))
          found++;
        if (found !== cells) {
          throw fail(
            `header has ${found} columns, expected ${cells} (empty cell, f1…f${d}, clase) for n_entradas = ${d}; the file does not match its metadata`,
          );
        }
        row = 0;
      } else {
        if (row >= rows) {
          throw fail(
            `more rows than the ${rows} the metadata (n_patrons) announces; the file does not match its metadata`,
          );
        }
        let start = pos;
        for (let c = 0; c < cells; c++) {
          let tab = text.indexOf('\t', start);
          if (tab < 0 || tab > stop) tab = stop;
          if (c < cells - 1 && tab === stop) {
            throw fail(
              `ragged row: ${c + 1} cells, expected ${cells} (row number, ${d} features, class)`,
            );
          }
          if (c === cells - 1 && tab < stop) {
            let found = cells;
            for (let i = tab; i >= 0 && i < stop; i = text.indexOf('\t', i + 1)) found++;
            throw fail(
              `ragged row: ${found} cells, expected ${cells} (row number, ${d} features, class)`,
            );
          }
          if (start === tab) throw fail(`empty cell in column ${c + 1}`);
          const v = Number(text.slice(start, tab));
          if (!Number.isFinite(v)) {
            throw fail(
              `cell "${text.slice(start, tab)}" in column ${c + 1} is not a finite number`,
            );
          }
          if (c === 0) {
            if (v !== row + 1) {
              throw fail(`row number ${v}, expected ${row + 1}; rows are missing or out of order`);
            }
          } else if (c <= d) {
            x[row * d + c - 1] = v;
          } else {
            if (!Number.isInteger(v) || v < 0 || v >= classes) {
              throw fail(`class ${v} is not an integer in [0, ${classes}) (n_clases = ${classes})`);
            }
            y[row] = v;
          }
          start = tab + 1;
        }
        row++;
      }
    }
    pos = end + 1;
  }
  if (row < 0)
    throw new SnnError(
      `${file}: empty file, expected a header and ${rows} rows; the file is truncated`,
    );
  if (row !== rows) {
    throw new SnnError(
      `${file}: ${row} rows, the metadata (n_patrons) announces ${rows}; the file is truncated or does not match its metadata`,
    );
  }
  return { x, y, n: rows, d };
}

/**
 * Parses an index file (`conxuntos.dat`, `conxuntos_kfold.dat`): `lines` non-empty lines of
 * whitespace-separated 0-based row indices, each in [0, n).
 */
export function parseIndexLines(
  text: string,
  file: string,
  lines: number,
  n: number,
): Int32Array[] {
  const found = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (found.length !== lines) {
    throw new SnnError(
      `${file}: ${found.length} lines of row indices, expected ${lines}; the file is truncated or corrupt`,
    );
  }
  return found.map((l, i) => {
    const tokens = l.trim().split(/\s+/);
    const out = new Int32Array(tokens.length);
    tokens.forEach((t, j) => {
      const v = Number(t);
      if (!/^\d+$/.test(t) || v >= n) {
        throw new SnnError(
          `${file}: line ${i + 1}: "${t}" is not a row index in [0, ${n}); the file is corrupt or belongs to another dataset`,
        );
      }
      out[j] = v;
    });
    return out;
  });
}

/** Checks that `a` and `b` are disjoint and together hold every row of [0, n) exactly once. */
export function checkPartition(a: Int32Array, b: Int32Array, n: number, what: string): void {
  const seen = new Uint8Array(n);
  for (const part of [a, b]) {
    for (const i of part) {
      if (seen[i]) throw new SnnError(`${what}: row ${i} appears twice; the index file is corrupt`);
      seen[i] = 1;
    }
  }
  const missing = seen.indexOf(0);
  if (missing >= 0) {
    throw new SnnError(
      `${what}: row ${missing} is in neither part (${a.length} + ${b.length} of ${n} rows); the index file is corrupt`,
    );
  }
}
