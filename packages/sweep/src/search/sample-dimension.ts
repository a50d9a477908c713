import { type Dimension, isRange } from './search-space';

/**
 * The value of `dimension` at the uniform draw `u` ∈ [0, 1): the inverse of its distribution
 * function (see `range` for the densities), so one uniform per dimension makes a point.
 *
 *   choices v₀ … v_{n−1}:  v_⌊u·n⌋
 *   range:                 low + u·(high − low)
 *   log range:             exp(ln low + u·(ln high − ln low))
 *   int range:             low + ⌊u·(high − low + 1)⌋
 *   int log range:         ⌊exp(ln low + u·(ln(high + 1) − ln low))⌋
 *
 * Results are clamped to [low, high] against floating-point rounding.
 *
 * @example
 * sampleDimension([2, 4, 8], 0.5);        // 4
 * sampleDimension(intRange(1, 4), 0.99);  // 4
 * @see https://arxiv.org/abs/1706.02515
 */
export function sampleDimension(dimension: Dimension, u: number): unknown {
  if (!isRange(dimension))
    return dimension[Math.min(Math.floor(u * dimension.length), dimension.length - 1)];
  const { low, high, log, int } = dimension;
  const top = int ? high + 1 : high;
  const x = log
    ? Math.exp(Math.log(low) + u * (Math.log(top) - Math.log(low)))
    : low + u * (top - low);
  const value = int ? Math.floor(x) : x;
  return Math.min(Math.max(value, low), high);
}
