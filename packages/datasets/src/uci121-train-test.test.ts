import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, toyRows, uciFixture } from './testing/fixtures';
import { loadUci121 } from './uci121';
import { uci121TrainTest } from './uci121-train-test';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const folder = join(tmp.path, 'data');
for (const [rel, text] of Object.entries(uciFixture())) {
  mkdirSync(dirname(join(folder, rel)), { recursive: true });
  writeFileSync(join(folder, rel), text);
}

describe('uci121TrainTest', () => {
  it('a one-file set trains on the pair’s training rows and tests on its test rows', async () => {
    const toy = await loadUci121('toy', { archive: folder });
    for (const fold of [1, 2, 3, 4]) {
      const { trainRows, test, testSource } = uci121TrainTest(toy, fold);
      expect(testSource).toBe('fold');
      expect(Array.from(trainRows)).toEqual(Array.from(toy.folds[fold - 1]!.train));
      const rows = toy.folds[fold - 1]!.test;
      expect(test.n).toBe(rows.length);
      rows.forEach((r, i) => expect(test.y[i]).toBe(toy.data.y[r]));
    }
  });

  it('a two-file set trains on its whole training file and tests on its test file, on every fold', async () => {
    const toy2 = await loadUci121('toy2', { archive: folder });
    const expected = toyRows(4, 3, 100);
    for (const fold of [1, 2, 3, 4]) {
      const { trainRows, test, testSource } = uci121TrainTest(toy2, fold);
      expect(testSource).toBe('test-file');
      expect(Array.from(trainRows)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(test.n).toBe(4);
      expect(Array.from(test.y)).toEqual(expected.map((r) => r.c));
    }
  });

  it('refuses a fold outside 1–4, naming the argument', async () => {
    const toy = await loadUci121('toy', { archive: folder });
    expect(() => uci121TrainTest(toy, 5)).toThrow(/`fold` must be an integer in \[1, 4\], got 5/);
    expect(() => uci121TrainTest(toy, 1.5)).toThrow(/got 1.5/);
  });
});
