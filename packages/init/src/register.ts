/**
 * The package's one registration with tfjs: its initializers join the serialization map under
 * their own names (`SnnLecunNormal`, `SnnLecunUniform`, `SnnHeNormal`), so tfjs's `LeCunNormal`,
 * `HeNormal`, … are never replaced, once per tfjs instance (see `registerClasses`).
 */
import { registerClasses } from '../../../internal/register-classes';
import { HeNormal } from './he-normal';
import { LecunNormal } from './lecun-normal';
import { LecunUniform } from './lecun-uniform';

registerClasses([LecunNormal, LecunUniform, HeNormal]);
