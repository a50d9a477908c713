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
