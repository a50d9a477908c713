import { brand } from '../../../../internal/brand';
import { SnnError } from '../../../../internal/snn-error';

const BRAND = brand('@snn/usage-error');

/**
 * A bad command-line flag or option value. The `snn` command prints its message as one line
 * (`snn figure1: --depths must be …`) and exits with code 2, the Unix convention for usage errors.
 *
 * A subclass of `SnnError` (so `instanceof SnnError` holds too).
 * The message names the flag, the value received and the valid choices or range. Library
 * functions (`runFigure1`, …) throw it for bad options too, so a caller can tell "you asked for
 * something impossible" from "something failed while running".
 *
 * @example
 * throw UsageError.choice('--dataset', 'imagenet', ['mnist', 'fashion-mnist', 'cifar10']);
 */
export class UsageError extends SnnError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, ' '), options);
    this.name = 'UsageError';
    BRAND.mark(this);
  }

  /** `--flag must be one of a, b, c; got "x"`. */
  static choice(flag: string, value: unknown, choices: readonly string[]): UsageError {
    return new UsageError(
      `${flag} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }

  // Recognised across several loaded copies of this package (ESM and CJS builds).
  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }
}
