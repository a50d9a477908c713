import { serialization } from '@tensorflow/tfjs-core';
import { HeNormal } from './he-normal';
import { LecunNormal } from './lecun-normal';
import { LecunUniform } from './lecun-uniform';

/**
 * Registers this package's initializers for model (de)serialization, once.
 *
 * The class names (`SnnLecunNormal`, `SnnLecunUniform`, `SnnHeNormal`) are our own, so tfjs's
 * `LeCunNormal`, `HeNormal`, … are never replaced. A name that is already registered is left
 * alone: loading the ESM and the CJS build in one process (both share the user's tfjs) neither
 * throws nor swaps classes under existing models.
 */
const INITIALIZERS = [LecunNormal, LecunUniform, HeNormal];

const registered = serialization.SerializationMap.getMap().classNameMap;
for (const cls of INITIALIZERS) {
  if (!(cls.className in registered)) serialization.registerClass(cls, 'snn');
}
