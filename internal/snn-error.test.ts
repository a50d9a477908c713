import { describe, expect, it } from 'vitest';
import { SnnError } from './snn-error';

describe('SnnError', () => {
  it('is recognised across separately loaded copies by its brand', () => {
    const foreign = new Error('from another copy');
    Object.defineProperty(foreign, Symbol.for('@snn/error'), { value: true });
    expect(foreign instanceof SnnError).toBe(true);
    expect(new Error('plain') instanceof SnnError).toBe(false);
    const own = new SnnError('x: `y` must be positive, got -1');
    expect(own).toBeInstanceOf(Error);
    expect(own.name).toBe('SnnError');
  });
});
