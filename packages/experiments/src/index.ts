// `@snn/experiments`: the paper's experiments as library functions (Node). The browser-safe
// Figure 1 core is also available alone as `@snn/experiments/figure1`. The command line's own
// plumbing (flag parsing, progress bars, output folders, atomic writes) stays internal.
export { SnnError } from '../../../internal/snn-error';
export { UsageError } from './common/usage-error';
export { renderPlot, writePlot } from './common/plot';
export type { VegaLiteSpec } from './common/plot';

export {
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

export * from './figure1/index';
export { type RunFigure1Options, runFigure1 } from './node/run-figure1';
export { type Figure1StateStore, figure1StateStore } from './node/figure1-state-store';
export { FIGURE1_SOURCES, checkFigure1Source, loadFigure1Data } from './node/load-figure1-data';

export * from './tabular/index';

export { formatDiagnosis } from './doctor/format-diagnosis';
export { type LoadedModel, loadModelFile } from './doctor/load-model-file';
export { type DoctorData, readDoctorData } from './doctor/read-doctor-data';
export { type RunDoctorOptions, type RunDoctorResult, runDoctor } from './doctor/run-doctor';
export { type RunExportOptions, type RunExportResult, runExport } from './export/run-export';
export {
  type RunUciSeedsOptions,
  type UciSeedsResult,
  runUciSeeds,
} from './uci-seeds/run-uci-seeds';
export { saveModelFolder } from './common/save-model-folder';
