export { SnnError } from '../../../internal/snn-error';
export {
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
  type SelectBackendOptions,
  selectBackend,
} from './select-backend';
export {
  type FastWasmOptions,
  MAX_WASM_THREADS,
  SNN_WASM,
  enableFastWasm,
  fastWasmThreads,
} from './fast-wasm';
export {
  BACKEND_NATIVE,
  type NativeOptions,
  SNN_NATIVE,
  enableNative,
  nativeInfo,
} from './fast-native';
export { type TrainOptions, type TrainResult, trainModel } from './train-model';
export {
  DEFAULT_EVALUATION_BATCH,
  type EvaluateLossOptions,
  evaluateLoss,
} from './evaluate-loss';
export {
  LOSS_EPSILON,
  LOSS_NAMES,
  type LossFunction,
  type LossName,
  perExampleLoss,
} from './losses';
export { epochPermutation } from './epoch-permutation';
