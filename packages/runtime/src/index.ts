export { SnnError } from '../../../internal/snn-error';
export {
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
  type SelectBackendOptions,
  selectBackend,
} from './backends/select-backend';
export {
  type FastWasmOptions,
  MAX_WASM_THREADS,
  SNN_WASM,
  enableFastWasm,
  fastWasmThreads,
} from './backends/snn-wasm/enable-fast-wasm';
export {
  BACKEND_NATIVE,
  type NativeOptions,
  SNN_NATIVE,
  enableNative,
  nativeInfo,
} from './backends/snn-native';
export {
  WEBGPU,
  type WebGpuOptions,
  enableWebGpu,
  webGpuInfo,
} from './backends/webgpu/enable-webgpu';
export {
  type AdapterRequest,
  type GpuAdapterLike,
  requestWebGpuAdapter,
} from './backends/webgpu/request-adapter';
export {
  type WebGpuAdapterInfoLike,
  type WebGpuAdapterReport,
  adapterLine,
  describeWebGpuAdapter,
  isSoftwareAdapter,
} from './backends/webgpu/webgpu-adapter';
export { type TrainOptions, type TrainResult, trainModel } from './train/train-model';
export {
  DEFAULT_EVALUATION_BATCH,
  type EvaluateLossOptions,
  evaluateLoss,
} from './train/evaluate-loss';
export {
  LOSS_EPSILON,
  LOSS_NAMES,
  type LossFunction,
  type LossName,
  perExampleLoss,
} from './train/losses';
export { epochPermutation } from './train/epoch-permutation';
