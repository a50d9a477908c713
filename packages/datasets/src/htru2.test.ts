import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { htru2FromBytes, loadHtru2, parseHtru2Csv } from './htru2';
import { HTRU2_ZIP, realDataTitle, tempDir } from './testing/fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** `n` rows: features i + j / 10, class 1 for every fifth row. */
const csvRows = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    [...Array.from({ length: 8 }, (_, j) => i + j / 10), i % 5 === 0 ? 1 : 0].join(','),
  );

describe('HTRU2 CSV parsing', () => {
  it('reads rows, tolerating a header, a BOM, CRLF and a trailing blank line', () => {
    const text = `\ufeffmean_ip,sd_ip,kurt_ip,skew_ip,mean_dm,sd_dm,kurt_dm,skew_dm,class\r\n${csvRows(20).join('\r\n')}\r\n\r\n`;
    const s = parseHtru2Csv(text, 'HTRU_2.csv');
    expect([s.n, s.d]).toEqual([20, 8]);
    expect(s.x[3 * 8 + 2]).toBe(Math.fround(3.2));
    expect(Array.from(s.y.subarray(0, 6))).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('reads the CSV without a header', () => {
    expect(parseHtru2Csv(csvRows(7).join('\n'), 'f').n).toBe(7);
  });

  it('refuses a ragged row, naming file and line', () => {
    const rows = csvRows(5);
    rows[2] = rows[2]!.replace(/,[^,]*$/, '');
    expect(() => parseHtru2Csv(rows.join('\n'), 'HTRU_2.csv')).toThrow(
      /HTRU_2\.csv: line 3: ragged row with 8 cells, expected 9/,
    );
  });

  it('refuses a class other than 0/1 and a non-number', () => {
    const rows = csvRows(5);
    rows[1] = rows[1]!.replace(/,0$/, ',2');
    expect(() => parseHtru2Csv(rows.join('\n'), 'f.csv')).toThrow(
      /f\.csv: line 2: class 2, expected 0 or 1/,
    );
    rows[1] = rows[1]!.replace('1.3', 'oops');
    expect(() => parseHtru2Csv(rows.join('\n'), 'f.csv')).toThrow(
      /f\.csv: line 2, column 4: "oops" is not a finite number/,
    );
  });

  it('reads HTRU_2.csv from a zip; refuses zip entries with ../ or absolute paths', () => {
    const csv = strToU8(csvRows(10).join('\n'));
    expect(htru2FromBytes(zipSync({ 'HTRU_2.csv': csv }), 'HTRU2.zip').n).toBe(10);
    for (const evil of ['../HTRU_2.csv', '/tmp/HTRU_2.csv', 'a/../../x.txt']) {
      const error = (() => {
        try {
          htru2FromBytes(zipSync({ [evil]: csv, 'HTRU_2.csv': csv }), 'HTRU2.zip');
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(SnnError);
      expect(error!.message).toContain(`HTRU2.zip: refusing archive entry "${evil}"`);
    }
    expect(() => htru2FromBytes(zipSync({ 'other.csv': csv }), 'HTRU2.zip')).toThrow(
      /the zip holds no HTRU_2\.csv/,
    );
  });

  it('loads {file} from disk and assigns 10 stratified folds', async () => {
    const file = join(tmp.path, 'HTRU_2.csv');
    writeFileSync(file, csvRows(100).join('\n'));
    const { data, folds } = await loadHtru2({ source: { file } });
    expect(data.n).toBe(100);
    const sizes = new Array(10).fill(0);
    for (const f of folds) sizes[f]++;
    expect(sizes).toEqual(new Array(10).fill(10));
  });
});

// The shared copy ../shared/data/htru2/HTRU2.zip; skipped on machines without it.
const HAVE_HTRU2 = existsSync(HTRU2_ZIP);
describe.skipIf(!HAVE_HTRU2)(
  realDataTitle('HTRU2 real data', HAVE_HTRU2, '../shared/data/htru2/HTRU2.zip'),
  () => {
    it('17,898 × 8 with 1,639 positives; 10 stratified, reproducible folds', async () => {
      const { data, folds } = await loadHtru2({ source: { file: HTRU2_ZIP } });
      expect([data.n, data.d]).toEqual([17898, 8]);
      let positives = 0;
      for (const y of data.y) positives += y;
      expect(positives).toBe(1639);
      const size = new Array(10).fill(0);
      const pos = new Array(10).fill(0);
      folds.forEach((f, i) => {
        size[f]++;
        pos[f] += data.y[i]!;
      });
      // 17,898 = 10 · 1,789 + 8 and 1,639 = 10 · 163 + 9: fold sizes and positives differ by ≤ 1.
      expect(Math.max(...size) - Math.min(...size)).toBeLessThanOrEqual(1);
      expect(size.reduce((a, b) => a + b)).toBe(17898);
      expect(Math.max(...pos) - Math.min(...pos)).toBeLessThanOrEqual(1);
      const again = await loadHtru2({ source: { file: HTRU2_ZIP } });
      expect(Array.from(again.folds)).toEqual(Array.from(folds));
      const other = await loadHtru2({ source: { file: HTRU2_ZIP }, seed: 1 });
      expect(Array.from(other.folds)).not.toEqual(Array.from(folds));
    });
  },
);
