/**
 * The package's one registration with tfjs: its layers join the serialization map under their own
 * names (`SnnSelu`, `SnnAlphaDropout`, `SnnFeatureAlphaDropout`), so models using them save and
 * load and no tfjs built-in is replaced, once per tfjs instance (see `registerClasses`).
 */
import { registerClasses } from '../../../internal/register-classes';
import { AlphaDropoutLayer } from './layers/alpha-dropout-layer';
import { FeatureAlphaDropoutLayer } from './layers/feature-alpha-dropout-layer';
import { SeluLayer } from './layers/selu-layer';

registerClasses([SeluLayer, AlphaDropoutLayer, FeatureAlphaDropoutLayer]);
