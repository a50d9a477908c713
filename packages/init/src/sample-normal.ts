import { type Tensor, randomNormal, truncatedNormal } from '@tensorflow/tfjs-core';

/**
 * Standard deviation of a standard normal truncated to [−2, 2]:
 * √(1 − 4φ(2)/(2Φ(2) − 1)) = 0.87962566103423978 (variance 0.77374130354992).
 *
 * A normal N(0, σ²) cut at ±2σ keeps only 0.7737 of its variance. Sampling N(0, (σ/0.8796…)²)
 * cut at ±2·(σ/0.8796…) instead restores the variance σ², as Keras's `VarianceScaling` does.
 * tfjs's `leCunNormal` and `heNormal` skip this correction.
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export const TRUNCATED_NORMAL_STD = 0.87962566103423978;

/**
 * Draws float32 weights with mean 0 and variance `variance`: an exact normal N(0, variance), or,
 * if `truncated`, a normal cut at ±2σ′ with σ′ = √variance / {@link TRUNCATED_NORMAL_STD}, whose
 * variance is `variance` as well. The draw every initializer of this package (and Keras' variance
 * scaling in @snn/snn-layers) makes.
 *
 * @param shape The tensor's shape.
 * @param variance Var(w), > 0: e.g. 1/fanIn for LeCun.
 * @param truncated Cut at ±2σ′ (values stay within ±2√variance/0.8796…).
 * @param seed Seed as tfjs's random ops take it; `undefined` for unseeded.
 * @returns A new float32 tensor; the caller owns it.
 * @example
 * const w = sampleNormal([784, 256], 1 / 784, true, 1); // Var(w) = 1/784, |w| ≤ 0.0814
 * @see https://arxiv.org/abs/1706.02515
 */
export function sampleNormal(
  shape: number[],
  variance: number,
  truncated: boolean,
  seed: number | undefined,
): Tensor {
  const std = Math.sqrt(variance);
  return truncated
    ? truncatedNormal(shape, 0, std / TRUNCATED_NORMAL_STD, 'float32', seed)
    : randomNormal(shape, 0, std, 'float32', seed);
}
