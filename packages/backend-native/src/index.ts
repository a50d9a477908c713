export { SnnError } from '../../../internal/snn-error';
export {
  type NativeAddon,
  type NativeAddonLoad,
  loadNativeAddon,
  nativePlatformKey,
  prebuiltAddonPath,
} from './native-addon';
export { SNN_AXPY, SNN_SELU_GRAD, nativeKernels } from './native-kernels';
export { useNativeSeluGradient } from './native-gradients';
export { NativeSgdOptimizer, nativeSgd } from './native-sgd-optimizer';
