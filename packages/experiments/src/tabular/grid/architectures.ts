/**
 * The seven network types of the paper's comparison, named as `buildFnn({architecture})` of
 * `@snn/snn-layers` names them.
 *
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

/** The tabular benchmarks of the paper. */
export const BENCHMARKS = ['uci', 'htru2', 'tox21'] as const;

/** One of {@link BENCHMARKS}. */
export type Benchmark = (typeof BENCHMARKS)[number];
