import './register';

export { SnnError } from '../../../internal/snn-error';
export { computeFans, type Fans } from './compute-fans';
export { HeNormal, heNormal, type HeNormalArgs } from './he-normal';
export { LecunNormal, lecunNormal, type LecunNormalArgs } from './lecun-normal';
export { LecunUniform, lecunUniform, type LecunUniformArgs } from './lecun-uniform';
export { TRUNCATED_NORMAL_STD, sampleNormal } from './sample-normal';
export { type Initializer, type SeedArgs, type Shape, SnnInitializer } from './snn-initializer';
export { weightMoments, type UnitStatistics, type WeightMoments } from './weight-moments';
