import { SnnError } from '../../../internal/snn-error';

/** Decodes UTF-8 text and drops a leading byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Lines of `text` without their `\n` / `\r\n` ends, each with its 1-based line number; blank lines dropped. */
export function nonEmptyLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (l.trim() !== '') out.push({ line: i + 1, text: l });
  }
  return out;
}

/**
 * Splits one CSV line on commas, honouring double quotes (`"a,b"`, `""` for a quote). The files
 * read here hold numbers and IDs, so no other CSV dialect matters.
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** A number cell: finite, not empty; else an error naming the file, line and column. */
export function numberCell(cell: string, file: string, line: number, column: number): number {
  const t = cell.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v)) {
    throw new SnnError(
      `${file}: line ${line}, column ${column}: "${cell}" is not a finite number; the file is corrupt`,
    );
  }
  return v;
}
