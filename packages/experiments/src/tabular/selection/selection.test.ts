import { describe, expect, it } from 'vitest';
import type { Configuration } from '../grid/expand-grid';
import { movingAverage } from './moving-average';
import { selectEpoch, selectModel } from './select-model';

const config = (over: Partial<Configuration>): Configuration => ({
  arch: 'snn',
  depth: 2,
  width: 8,
  lr: 0.1,
  dropout: 0,
  shape: 'rectangular',
  l2: 0,
  ...over,
});

describe('movingAverage', () => {
  it('averages complete trailing windows', () => {
    expect(movingAverage([1, 2, 3, 4, 5], 2)).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(movingAverage([1, 2, 3, 4, 5], 5)).toEqual([3]);
    // A curve shorter than the window is averaged as a whole.
    expect(movingAverage([1, 3], 10)).toEqual([2]);
    expect(movingAverage([], 10)).toEqual([]);
  });

  it('window 10 over 12 epochs gives 3 values', () => {
    const v = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 0];
    // Windows 1–10, 2–11, 3–12: sums 10, 30, 30.
    expect(movingAverage(v, 10)).toEqual([1, 3, 3]);
  });
});

describe('selectEpoch', () => {
  it('picks the end of the best window, earliest on ties', () => {
    expect(selectEpoch([0.5, 0.7, 0.9, 0.6], 2)).toEqual({ epoch: 3, smoothed: 0.8 });
    // Windows of 10: means 1, 3, 3 → the first best window ends at epoch 11.
    expect(selectEpoch([0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 0], 10)).toEqual({
      epoch: 11,
      smoothed: 3,
    });
  });

  it('uses a diverged curve up to its last finite value', () => {
    expect(selectEpoch([0.2, 0.4, 0.6, null, null], 2)).toEqual({ epoch: 3, smoothed: 0.5 });
    expect(selectEpoch([0.2, Number.NaN, 0.9], 1)).toEqual({ epoch: 1, smoothed: 0.2 });
    expect(selectEpoch([null, 0.5], 2)).toBeNull();
  });

  it('a single spike does not win over a sustained plateau once smoothed', () => {
    const spike = [0.5, 0.5, 0.5, 0.5, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const plateau = [0.5, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6];
    const a = selectEpoch(spike, 10)!;
    const b = selectEpoch(plateau, 10)!;
    // Hand-computed: spike windows all average 0.55; plateau windows 0.58, 0.59, 0.60.
    expect(a.smoothed).toBeCloseTo(0.55, 12);
    expect(a.epoch).toBe(10);
    expect(b).toEqual({ epoch: 12, smoothed: expect.closeTo(0.6, 12) });
  });
});

describe('selectModel: best smoothed value, ties → more layers, smaller lr, larger dropout', () => {
  const flat = (v: number) => Array.from({ length: 12 }, () => v);

  it('the higher smoothed validation value wins regardless of tie rules', () => {
    const best = selectModel([
      { config: config({ depth: 32 }), validation: flat(0.8) },
      { config: config({ depth: 2 }), validation: flat(0.81) },
    ])!;
    expect(best.index).toBe(1);
    expect(best.epoch).toBe(10);
  });

  it('ties prefer more layers', () => {
    const best = selectModel([
      { config: config({ depth: 2, lr: 0.01 }), validation: flat(0.8) },
      { config: config({ depth: 8, lr: 1 }), validation: flat(0.8) },
      { config: config({ depth: 4, lr: 0.01, dropout: 0.5 }), validation: flat(0.8) },
    ])!;
    expect(best.candidate.config.depth).toBe(8);
  });

  it('then a smaller learning rate, then a larger dropout', () => {
    const best = selectModel([
      { config: config({ lr: 0.1, dropout: 0.05 }), validation: flat(0.7) },
      { config: config({ lr: 0.01, dropout: 0 }), validation: flat(0.7) },
      { config: config({ lr: 0.01, dropout: 0.05 }), validation: flat(0.7) },
      { config: config({ lr: 1, dropout: 0.5 }), validation: flat(0.7) },
    ])!;
    expect(best.index).toBe(2);
  });

  it('values that differ only by rounding (the same numbers summed in another order) are ties', () => {
    const a = [0.1, 0.2, 0.3];
    const b = [0.3, 0.2, 0.1];
    // 0.1 + 0.2 + 0.3 = 0.6000000000000001 but 0.3 + 0.2 + 0.1 = 0.6 in float64.
    expect(a[0]! + a[1]! + a[2]!).not.toBe(b[0]! + b[1]! + b[2]!);
    const best = selectModel(
      [
        { config: config({ depth: 2 }), validation: a },
        { config: config({ depth: 3 }), validation: b },
      ],
      3,
    )!;
    expect(best.candidate.config.depth).toBe(3);
  });

  it('diverged candidates are skipped; all diverged → null', () => {
    expect(selectModel([{ config: config({}), validation: [null] }])).toBeNull();
    const best = selectModel([
      { config: config({ depth: 32 }), validation: [null, null] },
      { config: config({ depth: 2 }), validation: [0.3, 0.4] },
    ])!;
    expect(best.index).toBe(1);
  });
});
