// The browser-safe entry `@snn/experiments/figure1`: no Node modules, no file system, no plots
// rendered here (figure1Spec returns a Vega-Lite spec any Vega renderer can draw).
export { UsageError } from '../common/usage-error';
export {
  FIGURE1_ARCHS,
  FIGURE1_DATASETS,
  FIGURE1_LOSS_DESCRIPTION,
  FIGURE1_PAPER_DEFAULTS,
  FIGURE1_QUICK_DEFAULTS,
  type Figure1Arch,
  type Figure1Config,
  type Figure1Dataset,
  type Figure1Options,
  resolveFigure1Config,
} from './figure1-config';
export type { Figure1Curve } from './figure1-curve';
export type {
  Figure1Result,
  Figure1State,
  Figure1Timings,
  WeightSpec,
} from './figure1-result';
export {
  type Figure1Data,
  type Figure1EpochEvent,
  type Figure1Hooks,
  figure1CurveOrder,
  trainFigure1,
} from './train-figure1';
export { figure1CurveLabel, figure1Spec } from './figure1-plot';
export {
  type CurveSummary,
  type Figure1Smoothness,
  figure1Smoothness,
  increaseShare,
} from './figure1-smoothness';
