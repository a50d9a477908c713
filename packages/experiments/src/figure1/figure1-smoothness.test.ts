import { describe, expect, it } from 'vitest';
import { figure1Smoothness, increaseShare } from './figure1-smoothness';

describe('figure1Smoothness', () => {
  it('counts epoch-to-epoch increases per curve and pooled per architecture', () => {
    expect(increaseShare([3, 2, 2.5, 1, 1.5])).toBe(0.5);
    expect(increaseShare([1])).toBeNaN();
    const s = figure1Smoothness([
      { arch: 'snn', depth: 8, loss: [2, 1.5, 1] },
      { arch: 'batchnorm', depth: 8, loss: [2, 2.1, 1.9, 2.2] },
      { arch: 'batchnorm', depth: 16, loss: [2, 1], diverged: true },
    ]);
    expect(s.increaseShare).toEqual({ snn: 0, batchnorm: 2 / 4 });
    expect(s.curves[0]).toMatchObject({ first: 2, last: 1, relativeDrop: 0.5, increaseShare: 0 });
    expect(s.curves[2]!.diverged).toBe(true);
  });
});
