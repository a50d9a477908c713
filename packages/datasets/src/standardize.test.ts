import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import type { Split } from './split';
import { standardize } from './standardize';

const split = (rows: number[][], y: number[] = rows.map((_, i) => i)): Split => ({
  x: Float32Array.from(rows.flat()),
  y: Int32Array.from(y),
  n: rows.length,
  d: rows[0]!.length,
});

describe('standardize', () => {
  // 4 rows × 3 features; feature 2 is constant.
  const train = split([
    [1, 10, 7],
    [2, 20, 7],
    [3, 30, 7],
    [6, 60, 7],
  ]);
  const test = split([[4, -10, 8]]);

  it('fits mean and std (divisor n) on train and applies them to every split', () => {
    const { train: t, others, mean, std } = standardize(train, test);
    // μ = (1+2+3+6)/4 = 3, σ² = (4+1+0+9)/4 = 3.5 for feature 0; ×10 for feature 1.
    expect(Array.from(mean)).toEqual([3, 30, 7]);
    expect(std[0]).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(std[1]).toBeCloseTo(10 * Math.sqrt(3.5), 12);
    expect(t.x[0]).toBeCloseTo(-2 / Math.sqrt(3.5), 6);
    expect(t.x[3 * 3 + 1]).toBeCloseTo(3 / Math.sqrt(3.5), 6);
    expect(others[0]!.x[0]).toBeCloseTo(1 / Math.sqrt(3.5), 6);
    expect(others[0]!.x[1]).toBeCloseTo(-4 / Math.sqrt(3.5), 6);
    expect(t.y).toBe(train.y);
  });

  it('handles a constant feature by dividing by 1 (train values become 0)', () => {
    const { train: t, others, std } = standardize(train, test);
    expect(std[2]).toBe(1);
    expect([t.x[2], t.x[5], t.x[8], t.x[11]]).toEqual([0, 0, 0, 0]);
    expect(others[0]!.x[2]).toBe(1);
  });

  it('gives zero mean and unit variance on train', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [Math.sin(i) * 5 + 2, i * i, (i % 7) - 3]);
    const { train: t } = standardize(split(rows));
    for (let j = 0; j < 3; j++) {
      const col = Array.from({ length: 50 }, (_, i) => t.x[i * 3 + j]!);
      const m = col.reduce((a, b) => a + b, 0) / 50;
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / 50;
      expect(Math.abs(m)).toBeLessThan(1e-6);
      expect(v).toBeCloseTo(1, 5);
    }
  });

  it('refuses mismatched widths, empty train and non-finite values', () => {
    expect(() => standardize(train, split([[1, 2]]))).toThrow(
      /`others\[0\]` must have d = 3 features/,
    );
    expect(() => standardize({ x: new Float32Array(0), y: new Int32Array(0), n: 0, d: 3 })).toThrow(
      SnnError,
    );
    expect(() => standardize(split([[1, Number.NaN]]))).toThrow(
      /must be finite, got NaN at row 0, feature 1/,
    );
  });
});
