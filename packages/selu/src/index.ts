// Registers the layers for (de)serialization, once per tfjs instance: see register.ts.
import './register';

export { SnnError } from '../../../internal/snn-error';
export { SELU_ALPHA, SELU_LAMBDA } from './constants';
export { selu } from './selu';
export type { FixedPoint, SeluParams } from './selu-params';
export { seluParameters, type SeluParametersTarget } from './selu-parameters';
export { seluMoments, type Moments, type SeluMomentsInput } from './selu-moments';
export { seluJacobian, type SeluJacobian } from './selu-jacobian';
export { THEOREM1_BOUNDS, THEOREM1_DOMAIN } from '../../../internal/theorem1-domain';
export { erfc } from './special-functions';
export {
  alphaDropout,
  alphaDropoutAffine,
  type AlphaDropoutAffine,
  type AlphaDropoutOptions,
} from './alpha-dropout';
export { featureAlphaDropout, type FeatureAlphaDropoutOptions } from './feature-alpha-dropout';
export { SeluLayer, seluLayer, type SeluLayerArgs } from './layers/selu-layer';
export {
  AlphaDropoutLayer,
  alphaDropoutLayer,
  type AlphaDropoutLayerArgs,
} from './layers/alpha-dropout-layer';
export {
  FeatureAlphaDropoutLayer,
  featureAlphaDropoutLayer,
  type FeatureAlphaDropoutLayerArgs,
} from './layers/feature-alpha-dropout-layer';
export { useSnnAlphaDropout } from './keras-interop';
