import { erfc } from '@snn/selu';

/**
 * Upper tail of the standard normal distribution, P(Z > z) = ½·erfc(z/√2), with the
 * double-precision `erfc` of `@snn/selu`.
 *
 * @example
 * normalSf(1.959963984540054); // 0.025
 * @see https://arxiv.org/abs/1706.02515
 */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
