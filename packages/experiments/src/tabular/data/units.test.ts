/**
 * The data parts the benchmarks train on, from the real files in ../shared/data (each suite is
 * skipped with a message when its file is absent).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadHtru2, loadUci121 } from '@snn/datasets';
import { describe, expect, it } from 'vitest';
import { htru2Unit } from '../htru2/htru2-units';
import { uciUnit } from '../uci/uci-units';
import type { LabelledRows } from './prepared-unit';

const data = fileURLToPath(new URL('../../../../../../shared/data/', import.meta.url));
const archive = `${data}uci121/data.tar.gz`;
const htru2 = `${data}htru2/HTRU2.zip`;
for (const file of [archive, htru2]) {
  if (!existsSync(file)) console.warn(`units.test: skipping the suite of ${file}: file absent`);
}

/** Per-feature mean and (divisor n) variance of a standardized part. */
function moments(rows: LabelledRows): { mean: number[]; variance: number[] } {
  const mean = new Array(rows.d).fill(0);
  const variance = new Array(rows.d).fill(0);
  for (let i = 0; i < rows.n; i++)
    for (let j = 0; j < rows.d; j++) mean[j] += rows.x[i * rows.d + j]! / rows.n;
  for (let i = 0; i < rows.n; i++) {
    for (let j = 0; j < rows.d; j++)
      variance[j] += (rows.x[i * rows.d + j]! - mean[j]) ** 2 / rows.n;
  }
  return { mean, variance };
}

describe.skipIf(!existsSync(archive))('uciUnit (iris)', () => {
  it('splits pair 1 of conxuntos_kfold.dat into 85% training and a stratified 15% validation', async () => {
    const iris = await loadUci121('iris', { archive });
    const pair = iris.folds[0]!;
    const unit = uciUnit(iris, 1, 1);
    expect(unit.kind).toBe('classification');
    expect(unit.outputs).toBe(3);
    expect(unit.test.n).toBe(pair.test.length);
    expect(unit.train.n + unit.validation.n).toBe(pair.train.length);
    expect(unit.validation.n).toBe(Math.round(0.15 * pair.train.length));
    // Stratified: each of the 3 classes has 5 or 6 of the 17 validation rows.
    const counts = [0, 0, 0];
    for (const c of unit.validation.y) counts[c]!++;
    expect(counts.every((k) => k === 5 || k === 6)).toBe(true);
    // Standardized with training statistics: training part exactly (float32) zero mean, unit variance.
    const m = moments(unit.train);
    for (let j = 0; j < 4; j++) {
      expect(Math.abs(m.mean[j]!)).toBeLessThan(1e-5);
      expect(m.variance[j]).toBeCloseTo(1, 4);
    }
  });
});

describe.skipIf(!existsSync(archive))('uciUnit (a set with a separate test file)', () => {
  it('monks-1 trains and validates on its 124-row training file and tests on its 432-row test file', async () => {
    const monks = await loadUci121('monks-1', { archive });
    // From monks-1.txt: n_patrons1= 124 (monks-1_train_R.dat), n_patrons2= 432 (monks-1_test_R.dat).
    expect(monks.data.n).toBe(124);
    for (const fold of [1, 2, 3, 4]) {
      const unit = uciUnit(monks, fold, 1);
      expect(unit.test.n).toBe(432);
      expect(unit.train.n + unit.validation.n).toBe(124);
      expect(unit.validation.n).toBe(Math.round(0.15 * 124));
    }
    // The test part is the test file's rows, standardized with the training part's statistics.
    const unit = uciUnit(monks, 1, 1);
    const testLabels = Array.from(monks.test!.y);
    expect(Array.from(unit.test.y)).toEqual(testLabels);
  });
});

describe.skipIf(!existsSync(htru2))('htru2Unit', () => {
  it('test fold M, validation fold M − 1 (10 for M = 1), eight training folds', async () => {
    const { data: all, folds } = await loadHtru2({ source: { file: htru2 }, seed: 1 });
    const size = (f: number) => folds.filter((v) => v === f).length;
    const unit = htru2Unit(all, folds, 1);
    expect(unit.test.n).toBe(size(0));
    expect(unit.validation.n).toBe(size(9));
    expect(unit.train.n).toBe(all.n - size(0) - size(9));
    const unit5 = htru2Unit(all, folds, 5);
    expect(unit5.test.n).toBe(size(4));
    expect(unit5.validation.n).toBe(size(3));
    let positives = 0;
    for (const y of unit.test.y) positives += y;
    // Stratified folds: 1639 / 10 pulsars per fold, within one.
    expect(Math.abs(positives - 163.9)).toBeLessThanOrEqual(1);
  });
});
