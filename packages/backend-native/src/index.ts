export { SnnError } from '../../../internal/snn-error';
export {
  type NativeAddon,
  type NativeAddonLoad,
  loadNativeAddon,
  nativePlatformKey,
  prebuiltAddonPath,
} from './native-addon';
export { SNN_SELU_GRAD } from '../../../internal/selu-gradient-kernel';
export { SNN_DENSE, SNN_DENSE_GRAD } from '../../../internal/dense-kernel';
export { SNN_WEIGHT_NORM, SNN_WEIGHT_NORM_GRAD } from '../../../internal/weight-norm-kernel';
export { SNN_LAYER_NORM, SNN_LAYER_NORM_GRAD } from '../../../internal/layer-norm-kernel';
export { SNN_BATCH_NORM_GRAD } from '../../../internal/batch-norm-gradient-kernel';
export {
  SNN_BATCH_NORM_TRAIN,
  SNN_BATCH_NORM_TRAIN_GRAD,
} from '../../../internal/batch-norm-train-kernel';
export { SNN_RANDOM_UNIFORM } from '../../../internal/uniform-noise';
export { SNN_DROPOUT, SNN_DROPOUT_GRAD } from '../../../internal/dropout-kernel';
export { SNN_HIGHWAY, SNN_HIGHWAY_GRAD } from '../../../internal/highway-kernel';
export { SNN_AXPY, nativeKernels } from './native-kernels';
export { useNativeBatchNormGradient, useNativeSeluGradient } from './native-gradients';
export { NativeSgdOptimizer, nativeSgd } from './native-sgd-optimizer';
