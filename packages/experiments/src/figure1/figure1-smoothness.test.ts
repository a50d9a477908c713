import { describe, expect, it } from 'vitest';
import { figure1Smoothness, increaseShare, wiggleShare } from './figure1-smoothness';

describe('figure1Smoothness', () => {
  it('counts epoch-to-epoch increases per curve and pooled per architecture', () => {
    expect(increaseShare([3, 2, 2.5, 1, 1.5])).toBe(0.5);
    expect(increaseShare([1])).toBeNaN();
    // ln-loss falling by 1, 0.5, 0.25, …: bends the same way throughout.
    expect(wiggleShare([1, 0.5, 0.25, 0.125].map((_, i) => Math.exp(-(2 - 2 / 2 ** i))))).toBe(0);
    // Steps of ln-loss −1, −0.2, −1, −0.2, −1: the bend flips at every place.
    const zigzag = [0, -1, -1.2, -2.2, -2.4, -3.4].map(Math.exp);
    expect(wiggleShare(zigzag)).toBe(1);
    expect(wiggleShare([3, 2, 1])).toBeNaN();
    const s = figure1Smoothness([
      { arch: 'snn', depth: 8, loss: [2, 1.5, 1] },
      { arch: 'batchnorm', depth: 8, loss: [2, 2.1, 1.9, 2.2] },
      { arch: 'batchnorm', depth: 16, loss: [2, 1], diverged: true },
    ]);
    expect(s.increaseShare).toEqual({ snn: 0, batchnorm: 2 / 4 });
    // batchnorm 8: ln-loss bends up, down: one flip in one place; the others are too short.
    expect(s.wiggleShare.batchnorm).toBe(1);
    expect(s.wiggleShare.snn).toBeNaN();
    expect(s.curves[0]).toMatchObject({ first: 2, last: 1, relativeDrop: 0.5, increaseShare: 0 });
    expect(s.curves[2]!.diverged).toBe(true);
  });
});
