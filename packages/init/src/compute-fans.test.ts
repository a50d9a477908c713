import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { computeFans, positiveFanIn } from './compute-fans';

describe('computeFans (tfjs-layers rule, channels-last kernels)', () => {
  it('dense kernel [inputDim, units]', () => {
    expect(computeFans([784, 300])).toEqual({ fanIn: 784, fanOut: 300 });
  });

  it('conv kernels: prod(kernel size) × channels', () => {
    expect(computeFans([5, 8, 4])).toEqual({ fanIn: 5 * 8, fanOut: 5 * 4 });
    expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 3 * 3 * 16, fanOut: 3 * 3 * 32 });
    expect(computeFans([2, 3, 4, 5, 6])).toEqual({ fanIn: 2 * 3 * 4 * 5, fanOut: 2 * 3 * 4 * 6 });
  });

  it('other ranks: square root of the element count', () => {
    expect(computeFans([16])).toEqual({ fanIn: 4, fanOut: 4 });
    expect(computeFans([2, 2, 2, 2, 2, 2])).toEqual({ fanIn: 8, fanOut: 8 });
  });

  it('rejects shapes without dimensions or with unknown or invalid dimensions', () => {
    expect(() => computeFans([])).toThrow(SnnError);
    expect(() => computeFans([])).toThrow(/`shape` must have at least 1 dimension, got \[\]/);
    expect(() => computeFans([784, null])).toThrow(/non-negative integer, got \[784,null\]/);
    expect(() => computeFans([-1, 3])).toThrow(SnnError);
    expect(() => computeFans([2.5, 3])).toThrow(SnnError);
  });

  it('positiveFanIn rejects a zero fan-in and names the caller', () => {
    expect(() => positiveFanIn('lecunNormal', [0, 10])).toThrow(SnnError);
    expect(() => positiveFanIn('lecunNormal', [0, 10])).toThrow(
      /^lecunNormal: the fan-in of `shape` must be at least 1, got 0/,
    );
    expect(() => positiveFanIn('heNormal', [3, 3, 0, 8])).toThrow(/heNormal: .* got 0/);
    expect(positiveFanIn('lecunNormal', [784, 0])).toBe(784);
  });
});
