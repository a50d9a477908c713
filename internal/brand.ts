/** A mark that makes `instanceof` work across every loaded copy of a class. */
export interface Brand {
  /** Marks `instance` (call it in the constructor). */
  mark(instance: object): void;
  /** Whether `value` carries the mark, whichever copy of the class made it. */
  has(value: unknown): boolean;
}

/**
 * A brand under the registry-wide symbol `Symbol.for(key)`, for classes whose `instanceof` must
 * hold across copies: each package bundles its own copy of `SnnError`, and an ESM and a CJS build
 * (or two versions) may be loaded at once, so the prototype chain cannot tell. The constructor
 * marks the instance with a non-enumerable `true` under the symbol; a `static
 * [Symbol.hasInstance]` asks for it. `instanceof Sub` for `Sub extends Base` is
 * `Sub.brand.has(x)`, so each subclass that callers test for needs its own brand.
 *
 * @param key The symbol's registry key, e.g. `@snn/error`; never change a published key, or
 *   copies of different versions stop recognizing each other.
 * @example
 * const BRAND = brand('@snn/error');
 * class SnnError extends Error {
 *   constructor(message: string) { super(message); BRAND.mark(this); }
 *   static override [Symbol.hasInstance](value: unknown) { return BRAND.has(value); }
 * }
 */
export function brand(key: string): Brand {
  const symbol = Symbol.for(key);
  return {
    mark(instance) {
      Object.defineProperty(instance, symbol, { value: true });
    },
    has(value) {
      return (
        typeof value === 'object' &&
        value !== null &&
        (value as Record<symbol, unknown>)[symbol] === true
      );
    },
  };
}
