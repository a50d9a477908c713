import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { filesBelow, gz, tempDir } from './testing/fixtures';
import { TOX21_TASKS, loadTox21 } from './tox21';
import { TOX21_FILES } from './tox21-archive';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FEATURES = ['f_a', 'f_const', 'f_nan', 'f_b'];

/** Feature row of compound i: f_a = i, f_const = 3.5, f_nan = i / 2 or missing when i % 4 = 1, f_b = (−1)^i · i². */
function denseRow(i: number): string[] {
  const missing = i % 4 === 1 ? (i % 8 === 1 ? 'NA' : '') : String(i / 2);
  return [String(i), '3.5', missing, String((-1) ** i * i * i)];
}

/** Label of compound i for task t: missing when (i + t) % 3 = 0, else (i · t) % 2. */
const label = (i: number, t: number): string =>
  (i + t) % 3 === 0 ? (i % 2 ? 'NA' : '') : String((i * t) % 2);

/** The four files for compounds 0…11 (train) and 12…15 (test); label columns and rows in another order. */
function tox21Files(
  change: (f: Record<string, string>) => void = () => {},
): Record<string, string> {
  const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  const dense = (rows: number[]) =>
    [['', ...FEATURES].join(','), ...rows.map((i) => [`TOX${i}`, ...denseRow(i)].join(','))].join(
      '\n',
    );
  const order = [...TOX21_TASKS].reverse(); // columns by name, not position
  const labels = (rows: number[]) =>
    [
      ['', ...order].join(','),
      ...[...rows]
        .reverse()
        .map((i) =>
          [`TOX${i}`, ...order.map((task) => label(i, TOX21_TASKS.indexOf(task)))].join(','),
        ),
    ].join('\r\n');
  const f: Record<string, string> = {
    [TOX21_FILES.trainDense]: dense(ids(0, 12)),
    [TOX21_FILES.testDense]: dense(ids(12, 16)),
    [TOX21_FILES.trainLabels]: labels(ids(0, 12)),
    [TOX21_FILES.testLabels]: labels(ids(12, 16)),
  };
  change(f);
  return f;
}

function writeDir(name: string, files: Record<string, string>, compress = true): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    if (compress) writeFileSync(join(dir, file), gz(strToU8(text)));
    else writeFileSync(join(dir, file.replace(/\.gz$/, '')), text);
  }
  return dir;
}

describe('Tox21 loader on generated fixtures', () => {
  it('reads dense features, the 12 tasks by name and the missing-label mask', async () => {
    const tox = await loadTox21({ source: { dir: writeDir('gz', tox21Files()) } });
    expect(tox.tasks).toEqual([...TOX21_TASKS]);
    expect(tox.featureNames).toEqual(FEATURES);
    expect([tox.train.n, tox.train.d, tox.test.n]).toEqual([12, 4, 4]);
    expect(tox.train.ids[5]).toBe('TOX5');
    expect(Array.from(tox.train.x.subarray(5 * 4, 6 * 4))).toEqual([5, 3.5, Number.NaN, -25]);
    for (const [split, first] of [
      [tox.train, 0],
      [tox.test, 12],
    ] as const) {
      for (let r = 0; r < split.n; r++) {
        for (let t = 0; t < 12; t++) {
          const raw = label(first + r, t);
          const known = raw !== '' && raw !== 'NA';
          expect([r, t, split.mask[r * 12 + t]]).toEqual([r, t, known ? 1 : 0]);
          expect([r, t, split.y[r * 12 + t]]).toEqual([r, t, known ? Number(raw) : 0]);
        }
      }
    }
  });

  it('selects tasks by name, in the order asked', async () => {
    const tox = await loadTox21({
      source: { dir: writeDir('tasks', tox21Files()) },
      tasks: ['SR.p53', 'NR.AR'],
    });
    expect(tox.tasks).toEqual(['SR.p53', 'NR.AR']);
    expect(tox.train.y.length).toBe(24);
    const value = (raw: string) => (raw === '' || raw === 'NA' ? 0 : Number(raw));
    for (let r = 0; r < 12; r++) {
      expect([r, tox.train.y[r * 2], tox.train.y[r * 2 + 1]]).toEqual([
        r,
        value(label(r, 11)),
        value(label(r, 1)),
      ]);
      expect(tox.train.mask[r * 2]).toBe(label(r, 11) === '' || label(r, 11) === 'NA' ? 0 : 1);
    }
  });

  it('reads uncompressed CSV files and tox21.zip', async () => {
    expect(
      (await loadTox21({ source: { dir: writeDir('csv', tox21Files(), false) } })).train.n,
    ).toBe(12);
    const zipDir = join(tmp.path, 'zip');
    mkdirSync(zipDir);
    const members = Object.fromEntries(
      Object.entries(tox21Files()).map(([f, t]) => [`tox21/${f}`, gz(strToU8(t))]),
    );
    writeFileSync(join(zipDir, 'tox21.zip'), zipSync(members));
    expect((await loadTox21({ source: { dir: zipDir } })).test.n).toBe(4);
    expect(filesBelow(zipDir)).toEqual(['tox21.zip']);
  });

  it('preprocess: true drops constant features, imputes the training mean, standardizes with training statistics', async () => {
    const tox = await loadTox21({
      source: { dir: writeDir('pre', tox21Files()) },
      preprocess: true,
    });
    expect(tox.featureNames).toEqual(['f_a', 'f_nan', 'f_b']);
    expect(tox.train.d).toBe(3);
    // Expected from the formula on the raw values: μ, σ (divisor n) of the training rows.
    const rawA = Array.from({ length: 12 }, (_, i) => i);
    const known = rawA.filter((i) => i % 4 !== 1).map((i) => i / 2);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const muA = mean(rawA);
    const sdA = Math.sqrt(mean(rawA.map((v) => (v - muA) ** 2)));
    const muN = mean(known);
    const sdN = Math.sqrt(known.reduce((s, v) => s + (v - muN) ** 2, 0) / 12);
    expect(tox.train.x[3 * 3 + 0]).toBeCloseTo((3 - muA) / sdA, 6);
    expect(tox.test.x[2 * 3 + 0]).toBeCloseTo((14 - muA) / sdA, 5);
    expect(tox.train.x[1 * 3 + 1]).toBe(0); // missing → training mean → 0
    expect(tox.train.x[2 * 3 + 1]).toBeCloseTo((1 - muN) / sdN, 6);
    const colMean = (j: number) =>
      mean(Array.from({ length: 12 }, (_, i) => tox.train.x[i * 3 + j]!));
    expect(Math.abs(colMean(0)) + Math.abs(colMean(2))).toBeLessThan(1e-6);
    const squashed = await loadTox21({
      source: { dir: writeDir('tanh', tox21Files()) },
      preprocess: { squash: 'tanh' },
    });
    expect(squashed.train.x[3 * 3]).toBeCloseTo(Math.tanh((3 - muA) / sdA), 6);
  });

  const hostile: Array<[string, (f: Record<string, string>) => void, RegExp]> = [
    [
      'a ragged dense row',
      (f) => {
        f[TOX21_FILES.trainDense] = f[TOX21_FILES.trainDense]!.replace('TOX3,3,', 'TOX3,');
      },
      /tox21_dense_train\.csv\.gz: line 5: ragged row with 4 cells, expected 5/,
    ],
    [
      'a label that is not 0/1',
      (f) => {
        f[TOX21_FILES.testLabels] = f[TOX21_FILES.testLabels]!.replace(/^(TOX15,[^,]*),0/m, '$1,2');
      },
      /tox21_labels_test\.csv\.gz: line \d+, task \S+: label "2", expected 0, 1, or empty\/NA/,
    ],
    [
      'a compound without labels',
      (f) => {
        f[TOX21_FILES.trainLabels] = f[TOX21_FILES.trainLabels]!.replace(/\r\nTOX4,[^\r]*/, '');
      },
      /tox21_labels_train\.csv\.gz: no labels for compound "TOX4"/,
    ],
    [
      'a missing task column',
      (f) => {
        f[TOX21_FILES.trainLabels] = f[TOX21_FILES.trainLabels]!.replace('SR.MMP', 'SR.XYZ');
      },
      /tox21_labels_train\.csv\.gz: no column for task "SR\.MMP"/,
    ],
  ];
  for (const [what, change, message] of hostile) {
    it(`refuses ${what}, naming the file`, async () => {
      const error = await loadTox21({
        source: { dir: writeDir(what.replaceAll(' ', '-'), tox21Files(change)) },
      }).catch((e) => e);
      expect(error).toBeInstanceOf(SnnError);
      expect(error.message).toMatch(message);
    });
  }

  it('names the missing files of an incomplete folder', async () => {
    const files = tox21Files();
    Reflect.deleteProperty(files, TOX21_FILES.testLabels);
    await expect(loadTox21({ source: { dir: writeDir('incomplete', files) } })).rejects.toThrow(
      /missing: tox21_labels_test\.csv\.gz\) nor tox21\.zip/,
    );
  });

  it('refuses unknown task names', async () => {
    await expect(
      loadTox21({ source: { dir: writeDir('unknown', tox21Files()) }, tasks: ['NR.XX'] }),
    ).rejects.toThrow(/no column for task "NR\.XX"/);
  });
});
