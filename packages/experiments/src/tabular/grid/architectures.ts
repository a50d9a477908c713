// The architectures have one home, @snn/snn-layers (`buildFnn` builds them); the grid modules
// import them from there or through this file.
export { ARCHITECTURES, type Architecture } from '@snn/snn-layers';

/** The tabular benchmarks of the paper. */
export const BENCHMARKS = ['uci', 'htru2', 'tox21'] as const;

/** One of {@link BENCHMARKS}. */
export type Benchmark = (typeof BENCHMARKS)[number];
