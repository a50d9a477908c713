// `@snn/experiments`: the paper's experiments as library functions (Node). The browser-safe
// Figure 1 core is also available alone as `@snn/experiments/figure1`.
export { SnnError } from '../../../internal/snn-error';
export { UsageError } from './common/usage-error';
export {
  writeFileAtomic,
  writeFileAtomicSync,
  writeJsonAtomic,
} from '../../../internal/atomic-write';
export { createProgress, formatDuration } from './common/progress';
export type { Progress, ProgressOptions, ProgressStream } from './common/progress';
export { renderPlot, writePlot } from './common/plot';
export type { VegaLiteSpec } from './common/plot';
export { resolveOutDir } from './common/output-dir';
export {
  BACKEND_CHOICES,
  DEFAULT_SEED,
  addSharedFlags,
  parseChoiceList,
  parseInteger,
  parseIntegerList,
  parseNumber,
  parseSharedFlags,
} from './common/shared-flags';
export type { BackendChoice, SharedFlags } from './common/shared-flags';

export {
  THEOREM1_BOUNDS,
  THEOREM1_DOMAIN,
  type CornerRun,
  type FieldArrow,
  type TheoryOptions,
  type TheoryResult,
  computeTheory,
} from './theory/compute-theory';
export { theorySpec } from './theory/theory-plot';
export { type RunTheoryOptions, runTheory } from './node/run-theory';

export {
  NORMALIZATION_INITS,
  type LayerMoments,
  type NormalizationInit,
  type NormalizationOptions,
  type NormalizationResult,
  computeNormalization,
} from './normalization/compute-normalization';
export { normalizationSpec } from './normalization/normalization-plot';
export {
  NORMALIZATION_INPUTS,
  type RunNormalizationOptions,
  type RunNormalizationResult,
  runNormalization,
} from './node/run-normalization';
export type { BackendInfo } from './node/use-backend';

export * from './figure1/index';
export { type RunFigure1Options, runFigure1 } from './node/run-figure1';
export { type Figure1StateStore, figure1StateStore } from './node/figure1-state-store';
export { FIGURE1_SOURCES, checkFigure1Source, loadFigure1Data } from './node/load-figure1-data';

export * from './tabular/index';
