/**
 * The package's one registration with tfjs: its custom layers join the serialization map under
 * their `Snn`-prefixed names, so models using them save and load and no tfjs built-in is
 * shadowed, once per tfjs instance (see `registerClasses`).
 */
import { registerClasses } from '../../../internal/register-classes';
import { Highway } from './highway';
import { LayerNorm } from './layer-norm';
import { ResidualBlock } from './residual-block';
import { SeededDropout } from './seeded-dropout';
import { WeightNormDense } from './weight-norm-dense';

registerClasses([WeightNormDense, LayerNorm, Highway, ResidualBlock, SeededDropout]);
