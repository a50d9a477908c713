import { brand } from './brand';

const BRAND = brand('@snn/error');

/**
 * The one error class of every `@snn/*` package.
 *
 * Each package bundles this file, so several copies of the class can be loaded at once (an ESM and
 * a CJS build, or two package versions). `instanceof SnnError` still works across all of them: the
 * check looks for a registry-wide brand instead of the prototype chain.
 *
 * Messages name the argument, what was expected, what was found and the fix, e.g.
 * ``alphaDropout: `rate` must be in [0, 1), got 1.2; pass a drop probability such as 0.05``.
 *
 * @example
 * try { alphaDropout(x, 1.2); } catch (e) { if (e instanceof SnnError) console.error(e.message); }
 */
export class SnnError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnnError';
    BRAND.mark(this);
  }

  /** True for an `SnnError` of any loaded copy of any `@snn/*` package (checked by brand). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }
}
