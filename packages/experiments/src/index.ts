export { SnnError } from '../../../internal/snn-error';
export { UsageError } from './common/usage-error';
export { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from './common/atomic-write';
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
