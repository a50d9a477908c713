import { describe, expect, it } from 'vitest';
import { brand } from './brand';

describe('brand', () => {
  it('recognizes a mark made by another copy under the same registry key', () => {
    const ours = brand('@snn/test-brand');
    const theirs = brand('@snn/test-brand');
    const value = new Error('from another copy');
    theirs.mark(value);
    expect(ours.has(value)).toBe(true);
    expect(brand('@snn/other-brand').has(value)).toBe(false);
  });

  it('leaves unmarked values, primitives and null out', () => {
    const b = brand('@snn/test-brand');
    for (const value of [new Error('plain'), {}, null, undefined, 'text', 1]) {
      expect(b.has(value)).toBe(false);
    }
  });

  it('marks without changing what the instance shows: non-enumerable, read-only', () => {
    const b = brand('@snn/test-brand');
    const value = { a: 1 };
    b.mark(value);
    expect(Object.keys(value)).toEqual(['a']);
    expect(JSON.stringify(value)).toBe('{"a":1}');
    expect(Object.getOwnPropertyDescriptor(value, Symbol.for('@snn/test-brand'))).toEqual({
      value: true,
      writable: false,
      enumerable: false,
      configurable: false,
    });
  });
});
