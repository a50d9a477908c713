export { SnnError } from '../../../internal/snn-error';
export {
  type NativeAddon,
  type NativeAddonLoad,
  loadNativeAddon,
  nativePlatformKey,
  prebuiltAddonPath,
} from './native-addon';
export { SNN_SELU_GRAD } from '../../../internal/selu-gradient-kernel';
export { SNN_AXPY, nativeKernels } from './native-kernels';
export { useNativeBatchNormGradient, useNativeSeluGradient } from './native-gradients';
export { NativeSgdOptimizer, nativeSgd } from './native-sgd-optimizer';
