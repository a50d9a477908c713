import './register';

export { SnnError } from '../../../internal/snn-error';
export { activationStats, hiddenLayers, type LayerStats } from './activation-stats';
export { batchNormBlock, type BatchNormBlockOptions } from './batch-norm-block';
export { BatchNormalization, batchNormalization } from './batch-normalization';
export { Dense, dense } from './dense';
export { ARCHITECTURES, type Architecture } from './architectures';
export {
  buildFnn,
  type BuildFnnOptions,
  hiddenLayerName,
  type OutputActivation,
} from './build-fnn';
export { HIGHWAY_GATE_BIAS, Highway, highway, type HighwayArgs } from './highway';
export type {
  Initializer,
  InitializerLike,
  LayerActivation,
  Regularizer,
  RegularizerLike,
  Shape,
} from './layer-config';
export { LayerNorm, layerNorm, type LayerNormArgs } from './layer-norm';
export { layerWidths, type LayerWidthsOptions, type NetworkShape } from './layer-widths';
export {
  type MonitoredLayer,
  NormalizationMonitor,
  normalizationMonitor,
  type NormalizationDomain,
  type NormalizationMonitorOptions,
  type NormalizationReport,
} from './normalization-monitor';
export {
  ResidualBlock,
  residualBlock,
  type ResidualBlockArgs,
  type ResidualBlockShape,
  residualBlockWidths,
} from './residual-block';
export { DROPOUT_SEED_PATH, deriveSeed } from './seed';
export { SeededDropout, seededDropout, type SeededDropoutArgs } from './seeded-dropout';
export { snnBlock, type SnnBlockOptions } from './snn-block';
export { WeightNormDense, weightNormDense, type WeightNormDenseArgs } from './weight-norm-dense';
export { useKerasSnn } from './keras/use-keras-snn';
export { loadKerasFile } from './keras/load-keras-file';
export { loadModelTopology } from './keras/load-model-topology';
export { type TopologySize, checkTopologySize, topologySize } from './keras/topology-size';
export { KERAS_FILE_VERSION, type ToKerasFileOptions, toKerasFile } from './keras/to-keras-file';
export {
  KERAS_JSON_VERSION,
  type KerasModelJson,
  type PyDict,
  toKerasJson,
} from './keras/to-keras-json';
export { type DiagnoseOptions, diagnoseModel } from './doctor/diagnose-model';
export type {
  Diagnosis,
  DiagnosisInputs,
  Finding,
  FindingCode,
  FindingLevel,
  KernelMoments,
  LayerDiagnosis,
} from './doctor/diagnosis-types';
export type { DropoutKind } from './doctor/model-anatomy';
export { ONNX_OPSET, type ToOnnxOptions, toOnnx } from './onnx/to-onnx';
