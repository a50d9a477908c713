import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { x as extractTar } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import {
  type TarEntry,
  UCI_ARCHIVE,
  filesBelow,
  gz,
  realDataTitle,
  tarBytes,
  tempDir,
  toyRows,
  uciDat,
  uciFixture,
} from './testing/fixtures';
import { listUci121, loadUci121 } from './uci121';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Writes the fixture (optionally changed) as a folder, and as data.tar.gz with the `data/` top folder. */
function writeFixture(name: string, change: (files: Record<string, string>) => void = () => {}) {
  const files = uciFixture();
  change(files);
  const folder = join(tmp.path, name, 'data');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, rel)), { recursive: true });
    writeFileSync(join(folder, rel), text);
  }
  const entries: TarEntry[] = [{ name: 'data/', type: '5' }];
  for (const [rel, text] of Object.entries(files))
    entries.push({ name: `data/${rel}`, data: text });
  const archive = join(tmp.path, name, 'data.tar.gz');
  writeFileSync(archive, gz(tarBytes(entries)));
  return { folder, parent: join(tmp.path, name), archive };
}

function expectRows(
  split: { x: Float32Array; y: Int32Array | Float32Array; n: number; d: number },
  rows: ReturnType<typeof toyRows>,
) {
  expect(split.n).toBe(rows.length);
  expect(split.d).toBe(3);
  rows.forEach((r, i) => {
    expect(Array.from(split.x.subarray(i * 3, i * 3 + 3))).toEqual(r.x.map(Math.fround));
    expect(split.y[i]).toBe(r.c);
  });
}

describe('UCI-121 loader on generated fixtures', () => {
  const good = writeFixture('good');

  for (const [layout, archive] of [
    ['tar.gz', good.archive],
    ['unpacked data/ folder', good.folder],
    ['folder holding data/', good.parent],
  ] as const) {
    it(`lists and loads both layouts from a ${layout}`, async () => {
      expect(await listUci121(archive)).toEqual(['toy', 'toy2']);
      const toy = await loadUci121('toy', { archive, scale: 'as-shipped' });
      expect(toy.name).toBe('toy');
      expect(toy.classes).toBe(2);
      expectRows(toy.data, toyRows(8, 2));
      expect(toy.test).toBeUndefined();
      expect(Array.from(toy.validationSplit.train)).toEqual([0, 3, 4, 7]);
      expect(Array.from(toy.validationSplit.validation)).toEqual([1, 2, 5, 6]);
      expect(toy.folds).toHaveLength(4);
      expect(Array.from(toy.folds[1]!.test)).toEqual([0, 1]);

      const toy2 = await loadUci121('toy2', { archive, scale: 'as-shipped' });
      expect(toy2.rescaled).toEqual([]);
      expect(toy2.classes).toBe(3);
      expectRows(toy2.data, toyRows(6, 3));
      expectRows(toy2.test!, toyRows(4, 3, 100));
      expect(Array.from(toy2.validationSplit.validation)).toEqual([3, 4, 5]);
    });
  }

  it('accepts CRLF line ends', async () => {
    const crlf = writeFixture('crlf', (f) => {
      f['toy/toy_R.dat'] = f['toy/toy_R.dat']!.replaceAll('\n', '\r\n');
    });
    expectRows(
      (await loadUci121('toy', { archive: crlf.archive, scale: 'as-shipped' })).data,
      toyRows(8, 2),
    );
  });

  it("scales an unscaled file on its own as R's scale does, and names it in `rescaled`", async () => {
    // Every toy feature is an affine function of the row number i (slopes 1/4, −1/2, 1.5e-3), so
    // each scales to ±(i − ī) / s with s the sample standard deviation of the i's.
    const expectScaled = (
      split: { x: Float32Array; y: Int32Array | Float32Array; n: number },
      rows: ReturnType<typeof toyRows>,
      first: number,
    ) => {
      const n = rows.length;
      const mid = first + (n - 1) / 2;
      let ss = 0;
      for (let k = 0; k < n; k++) ss += (first + k - mid) ** 2;
      const s = Math.sqrt(ss / (n - 1));
      rows.forEach((r, k) => {
        const z = (first + k - mid) / s;
        const got = Array.from(split.x.subarray(k * 3, k * 3 + 3));
        [z, -z, z].forEach((want, j) => expect(got[j]).toBeCloseTo(want, 6));
        expect(split.y[k]).toBe(r.c);
      });
    };
    const toy = await loadUci121('toy', { archive: good.archive });
    expect(toy.rescaled).toEqual(['data']);
    expectScaled(toy.data, toyRows(8, 2), 0);
    const toy2 = await loadUci121('toy2', { archive: good.archive });
    expect(toy2.rescaled).toEqual(['data', 'test']);
    expectScaled(toy2.data, toyRows(6, 3), 0);
    expectScaled(toy2.test!, toyRows(4, 3, 100), 100);
  });

  it('leaves a file the collection scaled as it is, bit for bit', async () => {
    const scaledRows = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const z = (i - (n - 1) / 2) / Math.sqrt((n * (n + 1)) / 12);
        return { x: [z, -z, z], c: i % 2 };
      });
    const already = writeFixture('already', (f) => {
      f['toy/toy_R.dat'] = uciDat(scaledRows(8));
    });
    const shipped = await loadUci121('toy', { archive: already.archive, scale: 'as-shipped' });
    const loaded = await loadUci121('toy', { archive: already.archive });
    expect(loaded.rescaled).toEqual([]);
    expect(loaded.data.x).toEqual(shipped.data.x);
    await expect(
      loadUci121('toy', { archive: already.archive, scale: 'z' as never }),
    ).rejects.toThrow(/`scale` must be 'collection' or 'as-shipped', got "z"/);
  });

  const hostile: Array<[string, (f: Record<string, string>) => void, string, RegExp]> = [
    [
      'a missing _R.dat',
      (f) => void Reflect.deleteProperty(f, 'toy/toy_R.dat'),
      'toy',
      /data file .*toy\/toy_R\.dat is missing/,
    ],
    [
      'a missing test file',
      (f) => void Reflect.deleteProperty(f, 'toy2/toy2_test_R.dat'),
      'toy2',
      /test file .*toy2_test_R\.dat is missing/,
    ],
    [
      'a ragged row',
      (f) => {
        f['toy/toy_R.dat'] = f['toy/toy_R.dat']!.replace('\n3\t', '\n3\t9\t');
      },
      'toy',
      /toy_R\.dat: line 4: ragged row: 6 cells, expected 5/,
    ],
    [
      'a short row',
      (f) => {
        f['toy/toy_R.dat'] = f['toy/toy_R.dat']!.replace(/\n2\t[^\t]*\t/, '\n2\t');
      },
      'toy',
      /toy_R\.dat: line 3: ragged row: 4 cells, expected 5/,
    ],
    [
      'fewer rows than the metadata',
      (f) => {
        f['toy/toy.txt'] = f['toy/toy.txt']!.replace('n_patrons1= 8', 'n_patrons1= 9');
      },
      'toy',
      /toy_R\.dat: 8 rows, the metadata \(n_patrons\) announces 9/,
    ],
    [
      'a class out of range',
      (f) => {
        f['toy/toy_R.dat'] = f['toy/toy_R.dat']!.replace(/\t1\n/, '\t2\n');
      },
      'toy',
      /class 2 is not an integer in \[0, 2\)/,
    ],
    [
      'a non-number',
      (f) => {
        f['toy/toy_R.dat'] = f['toy/toy_R.dat']!.replace('\t-0.5\t', '\tabc\t');
      },
      'toy',
      /cell "abc" in column 3 is not a finite number/,
    ],
    [
      'an index out of range',
      (f) => {
        f['toy/conxuntos.dat'] = '0 3 4 8 \n1 2 5 6 \n';
      },
      'toy',
      /conxuntos\.dat: line 1: "8" is not a row index in \[0, 8\)/,
    ],
    [
      'overlapping train/validation',
      (f) => {
        f['toy/conxuntos.dat'] = '0 3 4 7 \n1 2 5 5 \n';
      },
      'toy',
      /conxuntos\.dat: row 5 appears twice/,
    ],
    [
      'a truncated fold file',
      (f) => {
        f['toy/conxuntos_kfold.dat'] = '0 1 2 3 4 5 \n6 7 \n';
      },
      'toy',
      /conxuntos_kfold\.dat: 2 lines of row indices, expected 8/,
    ],
    [
      'an unknown dataset',
      () => {},
      'adult',
      /dataset 'adult' is not in .*listUci121\(\) gives their names/,
    ],
  ];
  for (const [what, change, name, message] of hostile) {
    it(`refuses ${what}, naming the file`, async () => {
      const bad = writeFixture(`bad-${what.replaceAll(' ', '-')}`, change);
      for (const archive of [bad.archive, bad.folder]) {
        const error = await loadUci121(name, { archive }).catch((e) => e);
        expect(error).toBeInstanceOf(SnnError);
        expect(error.message).toMatch(message);
      }
    });
  }

  it('refuses names that are not folder names', async () => {
    await expect(loadUci121('../toy', { archive: good.archive })).rejects.toThrow(
      /`name` must be a dataset folder name/,
    );
  });

  it('writes nothing to the cache when reading a local archive', async () => {
    const cache = join(tmp.path, 'cache');
    await loadUci121('toy', { archive: good.archive, cacheDir: cache });
    await loadUci121('toy', {
      archive: join(tmp.path, 'bad-a-ragged-row', 'data.tar.gz'),
      cacheDir: cache,
    }).catch(() => {});
    expect(filesBelow(cache)).toEqual([]);
  });
});

// Real data: ../shared/data/uci121/data.tar.gz (116 of the 121 datasets). Absent on machines
// without the shared data folder, so the suite is skipped there.
const HAVE_UCI = existsSync(UCI_ARCHIVE);
describe.skipIf(!HAVE_UCI)(
  realDataTitle('UCI-121 on the real archive', HAVE_UCI, '../shared/data/uci121/data.tar.gz'),
  () => {
    const meta = new Map<string, Record<string, string>>();
    const metaDir = tempDir('snn-uci-meta-');
    beforeAll(async () => {
      // The metadata is read independently of the loader: extract only the .txt files with node-tar.
      await extractTar({ file: UCI_ARCHIVE, cwd: metaDir.path, filter: (p) => p.endsWith('.txt') });
      for (const rel of filesBelow(metaDir.path)) {
        const [, name, file] = rel.split('/');
        if (file !== `${name}.txt`) continue;
        const tokens = readFileSync(join(metaDir.path, rel), 'utf8').trim().split(/\s+/);
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < tokens.length; i += 2)
          fields[tokens[i]!.replace('=', '')] = tokens[i + 1]!;
        meta.set(name!, fields);
      }
    });
    afterAll(() => metaDir.cleanup());

    it('lists the 116 datasets of the copy', async () => {
      const names = await listUci121(UCI_ARCHIVE);
      expect(names).toHaveLength(116);
      expect(names).toEqual([...meta.keys()].sort());
      for (const missing of ['adult', 'connect-4', 'miniboone', 'musk-2', 'statlog-shuttle']) {
        expect(names).not.toContain(missing);
      }
    });

    it('loads all 116 with counts equal to their metadata and valid, disjoint, covering splits', async () => {
      const names = await listUci121(UCI_ARCHIVE);
      for (const name of names) {
        const m = meta.get(name)!;
        const ds = await loadUci121(name, { archive: UCI_ARCHIVE });
        const n = Number(m.n_patrons1);
        expect([name, ds.data.n, ds.data.d, ds.classes]).toEqual([
          name,
          n,
          Number(m.n_entradas),
          Number(m.n_clases),
        ]);
        expect(ds.data.x.length).toBe(n * ds.data.d);
        expect([name, ds.test?.n]).toEqual([
          name,
          m.n_patrons2 === undefined ? undefined : Number(m.n_patrons2),
        ]);
        const { train, validation } = ds.validationSplit;
        expect([name, train.length, validation.length]).toEqual([
          name,
          Number(m.n_patrons_entrena),
          Number(m.n_patrons_valida),
        ]);
        // Valid (in range), disjoint (no row twice) and covering (every row once).
        const covered = (a: Int32Array, b: Int32Array) => {
          const seen = new Uint8Array(n);
          let ok = a.length + b.length === n;
          for (const part of [a, b]) {
            for (const i of part) {
              if (!(i >= 0 && i < n) || seen[i] === 1) ok = false;
              else seen[i] = 1;
            }
          }
          return ok && seen.every((s) => s === 1);
        };
        expect(covered(train, validation)).toBe(true);
        expect(ds.folds).toHaveLength(4);
        for (const f of ds.folds) {
          expect(covered(f.train, f.test)).toBe(true);
          // 75/25 splits, up to rounding per class
          expect(Math.abs(f.test.length - n / 4)).toBeLessThanOrEqual(ds.classes + 1);
        }
        expect(ds.data.y.every((c) => c >= 0 && c < ds.classes)).toBe(true);
      }
    });

    it('scales the 11 files the archive ships unscaled, and every file ends at mean 0, sd 1', async () => {
      // The unscaled files, found with numpy: column mean or sample sd off by 0.1 or more.
      const unscaled: Record<string, Array<'data' | 'test'>> = {
        annealing: ['test'],
        'hayes-roth': ['test'],
        'hill-valley': ['test'],
        'horse-colic': ['test'],
        'image-segmentation': ['test'],
        'monks-1': ['data'],
        'monks-2': ['data'],
        'monks-3': ['data'],
        soybean: ['test'],
        spect: ['test'],
        spectf: ['data'],
      };
      const found: Record<string, Array<'data' | 'test'>> = {};
      for (const name of await listUci121(UCI_ARCHIVE)) {
        const ds = await loadUci121(name, { archive: UCI_ARCHIVE });
        if (ds.rescaled.length > 0) found[name] = ds.rescaled;
        for (const split of ds.test ? [ds.data, ds.test] : [ds.data]) {
          for (let j = 0; j < split.d; j++) {
            let sum = 0;
            for (let i = 0; i < split.n; i++) sum += split.x[i * split.d + j]!;
            const mean = sum / split.n;
            let ss = 0;
            for (let i = 0; i < split.n; i++) ss += (split.x[i * split.d + j]! - mean) ** 2;
            const sd = Math.sqrt(ss / (split.n - 1));
            expect([name, j, Math.abs(mean) < 1e-3]).toEqual([name, j, true]);
            expect([name, j, sd === 0 || Math.abs(sd - 1) < 1e-3]).toEqual([name, j, true]);
          }
        }
      }
      expect(found).toEqual(unscaled);
      // As shipped, hayes-roth's test file holds the raw attribute values 1…4.
      const raw = await loadUci121('hayes-roth', { archive: UCI_ARCHIVE, scale: 'as-shipped' });
      expect(Array.from(raw.test!.x.subarray(0, 3))).toEqual([1, 1, 2]);
      expect(raw.rescaled).toEqual([]);
    });

    it('iris: 150 × 4, 3 classes, split 75/75', async () => {
      const iris = await loadUci121('iris', { archive: UCI_ARCHIVE });
      expect([iris.data.n, iris.data.d, iris.classes]).toEqual([150, 4, 3]);
      expect([iris.validationSplit.train.length, iris.validationSplit.validation.length]).toEqual([
        75, 75,
      ]);
      // First row as written in iris_R.dat: 1  -0.897674  1.02861  -1.33679  -1.30859  0
      expect(Array.from(iris.data.x.subarray(0, 4))).toEqual(
        [-0.897674, 1.02861, -1.33679, -1.30859].map(Math.fround),
      );
      expect(iris.data.y[0]).toBe(0);
    });

    it('monks-1: 124 rows plus a 432-row test file', async () => {
      const monks = await loadUci121('monks-1', { archive: UCI_ARCHIVE });
      expect(monks.data.n).toBe(124);
      expect(monks.test?.n).toBe(432);
      expect(monks.data.d).toBe(6);
    });
  },
);
