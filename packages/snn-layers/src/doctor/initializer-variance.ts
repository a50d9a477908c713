import { TRUNCATED_NORMAL_STD } from '@snn/init';
import { kerasFans } from '../keras/keras-variance-scaling';

/** Scale and mode of the variance-scaling initializers, by the class name a config gives them. */
const NAMED: Record<string, { scale: number; mode: 'fanIn' | 'fanAvg' }> = {
  SnnLecunNormal: { scale: 1, mode: 'fanIn' },
  SnnLecunUniform: { scale: 1, mode: 'fanIn' },
  SnnHeNormal: { scale: 2, mode: 'fanIn' },
  LecunNormal: { scale: 1, mode: 'fanIn' },
  LecunUniform: { scale: 1, mode: 'fanIn' },
  HeNormal: { scale: 2, mode: 'fanIn' },
  HeUniform: { scale: 2, mode: 'fanIn' },
  GlorotNormal: { scale: 1, mode: 'fanAvg' },
  GlorotUniform: { scale: 1, mode: 'fanAvg' },
};

type Serialized = { className?: unknown; config?: Record<string, unknown> };

/**
 * Var(w)·fan_in that a kernel initializer draws, read from the name and config a layer's config
 * gives it (`{className, config}`), for a kernel of `shape`: scale·fan_in/n, with n the fan its
 * mode names. 1 is LeCun's variance, right for SELU networks: Keras' `VarianceScaling` with scale 1
 * and `fan_in` in any distribution, `LecunNormal`, `LecunUniform`, @snn/init's `lecunNormal` and
 * `lecunUniform`. The classes named above (@snn/init's, and Keras' as `useKerasSnn` loads them)
 * draw their variance exactly. Only tfjs's own `VarianceScaling` reports the distribution
 * `normal` (Keras and `useKerasSnn` read it as `truncated_normal`): a normal cut at ±2σ without
 * the correction, 0.774 of the variance. Other initializers give null.
 *
 * @param initializer The serialized initializer, as in `layer.getConfig().kernelInitializer`.
 * @param shape The kernel's shape (`[fanIn, units]` for Dense).
 * @returns Var(w)·fan_in, or null for an initializer this does not know.
 */
export function initializerTau(initializer: unknown, shape: readonly number[]): number | null {
  if (typeof initializer !== 'object' || initializer === null) return null;
  const { className, config = {} } = initializer as Serialized;
  const named = NAMED[String(className)];
  let scale: number;
  let mode: unknown;
  let factor = 1;
  if (named !== undefined) ({ scale, mode } = named);
  else if (className === 'VarianceScaling' && typeof config.scale === 'number') {
    scale = config.scale;
    mode = config.mode;
    if (config.distribution === 'normal') factor = TRUNCATED_NORMAL_STD ** 2;
  } else return null;
  const { fanIn, fanOut } = kerasFans(shape);
  const n = { fanIn, fanOut, fanAvg: (fanIn + fanOut) / 2 }[String(mode)];
  if (n === undefined) return null;
  return (factor * scale * fanIn) / Math.max(1, n);
}
