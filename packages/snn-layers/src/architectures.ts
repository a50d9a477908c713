/**
 * The seven feed-forward network types the paper compares, as `buildFnn({ architecture })` names
 * them: the self-normalizing network (SELU, LeCun-normal, alpha dropout) and six ReLU baselines —
 * He ("MSRA") initialization alone, then with batch, layer or weight normalization, highway
 * layers and residual blocks. The order is the one the `snn` benchmark commands train and list.
 *
 * @example
 * for (const architecture of ARCHITECTURES) buildFnn({ architecture, inputDim: 8, outputDim: 2, depth: 3, width: 16 });
 * @see https://arxiv.org/abs/1706.02515
 */
export const ARCHITECTURES = [
  'snn',
  'msra',
  'batchnorm',
  'layernorm',
  'weightnorm',
  'highway',
  'resnet',
] as const;

/** One of {@link ARCHITECTURES}. */
export type Architecture = (typeof ARCHITECTURES)[number];
