import type { serialization } from '@tensorflow/tfjs-core';
import { KerasVarianceScaling, type KerasVarianceScalingArgs } from './keras-variance-scaling';

/** The config Keras writes for its named variance-scaling initializers: `{seed}` (and axes). */
type KerasSeedConfig = Pick<KerasVarianceScalingArgs, 'seed' | 'inputAxes' | 'outputAxes'>;

/**
 * A named Keras initializer: `VarianceScaling` with fixed scale, mode and distribution, whose
 * config is only `{seed}` (Keras' `get_config` of `LecunNormal`, `HeNormal`, …).
 */
abstract class KerasNamedInitializer extends KerasVarianceScaling {
  override getConfig(): serialization.ConfigDict {
    return { seed: this.seed ?? null, ...this.axesConfig() };
  }
}

/**
 * Keras' `LecunNormal`: VarianceScaling(1, fan_in, truncated_normal), a normal cut at ±2σ′ with
 * σ′ = √(1/fanIn)/0.8796…, so that Var(w) = 1/fanIn exactly; the same draw, bit for bit, as
 * `lecunNormal({ seed, truncated: true })` of @snn/init. tfjs registers only `LeCunNormal`,
 * whose variance is 0.77/fanIn.
 */
export class KerasLecunNormal extends KerasNamedInitializer {
  static override className = 'LecunNormal';
  constructor(args?: KerasSeedConfig) {
    super({ ...args, scale: 1, mode: 'fanIn', distribution: 'truncatedNormal' });
  }
}

/** Keras' `LecunUniform`: VarianceScaling(1, fan_in, uniform) = U(±√(3/fanIn)). */
export class KerasLecunUniform extends KerasNamedInitializer {
  static override className = 'LecunUniform';
  constructor(args?: KerasSeedConfig) {
    super({ ...args, scale: 1, mode: 'fanIn', distribution: 'uniform' });
  }
}

/**
 * Keras' `HeNormal`: VarianceScaling(2, fan_in, truncated_normal), Var(w) = 2/fanIn exactly
 * (tfjs's `HeNormal` has 0.774·2/fanIn).
 */
export class KerasHeNormal extends KerasNamedInitializer {
  static override className = 'HeNormal';
  constructor(args?: KerasSeedConfig) {
    super({ ...args, scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' });
  }
}

/** Keras' `HeUniform`: VarianceScaling(2, fan_in, uniform) = U(±√(6/fanIn)). */
export class KerasHeUniform extends KerasNamedInitializer {
  static override className = 'HeUniform';
  constructor(args?: KerasSeedConfig) {
    super({ ...args, scale: 2, mode: 'fanIn', distribution: 'uniform' });
  }
}

/**
 * Keras' `GlorotNormal`: VarianceScaling(1, fan_avg, truncated_normal), Var(w) =
 * 2/(fanIn + fanOut) exactly (tfjs's `GlorotNormal` has 0.774 of it).
 */
export class KerasGlorotNormal extends KerasNamedInitializer {
  static override className = 'GlorotNormal';
  constructor(args?: KerasSeedConfig) {
    super({ ...args, scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal' });
  }
}

/** Keras' `GlorotUniform`: VarianceScaling(1, fan_avg, uniform) = U(±√(6/(fanIn + fanOut))). */
export class KerasGlorotUniform extends KerasNamedInitializer {
  static override className = 'GlorotUniform';
  constructor(args?: KerasSeedConfig) {
    super({ ...args, scale: 1, mode: 'fanAvg', distribution: 'uniform' });
  }
}

/**
 * The string identifier `"lecun_normal"`: tfjs camel-cases string values while reading a Keras
 * config and then looks the result, `lecunNormal`, up as a class name.
 */
class KerasLecunNormalIdentifier extends KerasLecunNormal {
  static override className = 'lecunNormal';

  /** Saved again, it is written as Keras' class, which Keras reads. */
  override getClassName(): string {
    return KerasLecunNormal.className;
  }
}

/** The string identifier `"lecun_uniform"`, looked up as `lecunUniform` (see above). */
class KerasLecunUniformIdentifier extends KerasLecunUniform {
  static override className = 'lecunUniform';

  override getClassName(): string {
    return KerasLecunUniform.className;
  }
}

/**
 * tfjs builds its own classes for these string identifiers (`"he_normal"` → `heNormal`) without
 * looking at the registry, so `useKerasSnn`'s config pass rewrites them into class entries.
 */
export const KERAS_INITIALIZER_IDENTIFIERS: Readonly<Record<string, string>> = {
  heNormal: KerasHeNormal.className,
  heUniform: KerasHeUniform.className,
  glorotNormal: KerasGlorotNormal.className,
  glorotUniform: KerasGlorotUniform.className,
};

/** Every initializer class `useKerasSnn` registers, by the names Keras configs use. */
export const KERAS_INITIALIZER_CLASSES = [
  KerasVarianceScaling,
  KerasLecunNormal,
  KerasLecunUniform,
  KerasHeNormal,
  KerasHeUniform,
  KerasGlorotNormal,
  KerasGlorotUniform,
  KerasLecunNormalIdentifier,
  KerasLecunUniformIdentifier,
] as const;
