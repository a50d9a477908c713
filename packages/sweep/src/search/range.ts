import { SnnError } from '../../../../internal/snn-error';
import type { RangeDimension } from './search-space';

/** Options of {@link range}. */
export interface RangeOptions {
  /** Draw uniformly in ln x instead of x (needs `low > 0`); default false. */
  log?: boolean;
  /** Integers only, both bounds included; default false. */
  int?: boolean;
}

/**
 * A numeric dimension of a search space, drawn by random search with the density
 *
 *   p(x) = 1 / (high − low)               (float, uniform)
 *   p(x) = 1 / (x · ln(high / low))       (float, `log`: uniform in ln x)
 *   P(k) = 1 / (high − low + 1)           (`int`: k = low … high)
 *   P(k) = ln((k + 1) / k) / ln((high + 1) / low)   (`int` and `log`: ⌊x⌋ of x log-uniform on [low, high + 1))
 *
 * @param low - Smallest value; > 0 with `log`; an integer with `int`.
 * @param high - Largest value (float ranges reach it only by rounding); ≥ `low`.
 * @example
 * range(0, 0.5);                     // dropout in [0, 0.5)
 * range(1e-4, 1, { log: true });     // learning rate, as logRange(1e-4, 1)
 * @see https://arxiv.org/abs/1706.02515
 */
export function range(low: number, high: number, options: RangeOptions = {}): RangeDimension {
  const log = options.log ?? false;
  const int = options.int ?? false;
  const name = `${int ? 'int' : ''}${log ? (int ? 'Log' : 'log') : ''}${int || log ? 'Range' : 'range'}`;
  const fail = (why: string): never => {
    throw new SnnError(`${name}(${low}, ${high}): ${why}`);
  };
  if (!Number.isFinite(low) || !Number.isFinite(high))
    fail('`low` and `high` must be finite numbers');
  if (!(low <= high)) fail('`low` must be ≤ `high`; swap them');
  if (log && !(low > 0)) fail('a log range needs `low` > 0, since it is drawn uniformly in ln x');
  if (int && (!Number.isSafeInteger(low) || !Number.isSafeInteger(high))) {
    fail('an integer range needs integer bounds (both included)');
  }
  return { type: 'range', low, high, log, int };
}

/**
 * A float dimension drawn uniformly in ln x on [low, high]: `range(low, high, { log: true })`.
 *
 * @example
 * logRange(1e-4, 1); // learning rates, each decade equally likely
 */
export function logRange(low: number, high: number): RangeDimension {
  return range(low, high, { log: true });
}

/**
 * An integer dimension, low … high equally likely: `range(low, high, { int: true })`.
 *
 * @example
 * intRange(1, 8); // depth
 */
export function intRange(low: number, high: number): RangeDimension {
  return range(low, high, { int: true });
}

/**
 * An integer dimension drawn log-uniformly: `range(low, high, { int: true, log: true })`,
 * P(k) = ln((k + 1)/k) / ln((high + 1)/low).
 *
 * @example
 * intLogRange(16, 1024); // width
 */
export function intLogRange(low: number, high: number): RangeDimension {
  return range(low, high, { int: true, log: true });
}
