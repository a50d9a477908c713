/**
 * α01 of the scaled exponential linear unit: the α whose SELU maps zero mean and unit variance to
 * itself (paper eq. 14, α01 = −√(2/π) / (erfc(1/√2)·√e − 1)). Full double precision, the same
 * value as Keras and PyTorch: the double nearest to 1.6732632423543772848170429916717.
 *
 * @example
 * SELU_ALPHA; // 1.6732632423543772
 * @see https://arxiv.org/abs/1706.02515
 */
export const SELU_ALPHA = 1.6732632423543772;

/**
 * λ01 of the scaled exponential linear unit (paper eq. 14), the scale that together with
 * {@link SELU_ALPHA} gives the fixed point mean 0, variance 1. Full double precision: the double
 * nearest to 1.0507009873554804934193349852946.
 *
 * @example
 * SELU_LAMBDA; // 1.0507009873554805
 * @see https://arxiv.org/abs/1706.02515
 */
export const SELU_LAMBDA = 1.0507009873554805;
