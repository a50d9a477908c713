import { LecunNormal, LecunUniform } from '@snn/init';
import type { serialization } from '@tensorflow/tfjs-core';
import { KERAS_BRAND } from './keras-brand';

/** The config Keras writes for its LeCun initializers: `{seed}` (an integer or null). */
interface KerasSeedConfig {
  seed?: number | null;
}

/**
 * Keras' `LecunNormal` (and `lecun_normal`): a normal cut at ±2σ′ with σ′ = √(1/fanIn)/0.8796…,
 * so that the variance is exactly 1/fanIn — `lecunNormal({truncated: true})` of @snn/init under
 * Keras' class name, with Keras' config `{seed}`. tfjs registers only `LeCunNormal`, whose
 * variance is 0.77/fanIn.
 */
export class KerasLecunNormal extends LecunNormal {
  static override className = 'LecunNormal';
  static readonly [KERAS_BRAND] = true;

  constructor(args?: KerasSeedConfig) {
    super({ seed: args?.seed ?? undefined, truncated: true });
  }

  override getConfig(): serialization.ConfigDict {
    return { seed: this.seed ?? null };
  }
}

/** Keras' `LecunUniform`: U(−√(3/fanIn), √(3/fanIn)), variance 1/fanIn; config `{seed}`. */
export class KerasLecunUniform extends LecunUniform {
  static override className = 'LecunUniform';
  static readonly [KERAS_BRAND] = true;

  constructor(args?: KerasSeedConfig) {
    super({ seed: args?.seed ?? undefined });
  }

  override getConfig(): serialization.ConfigDict {
    return { seed: this.seed ?? null };
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

/** Every initializer class `useKerasSnn` registers, by the names Keras configs use. */
export const KERAS_INITIALIZER_CLASSES = [
  KerasLecunNormal,
  KerasLecunUniform,
  KerasLecunNormalIdentifier,
  KerasLecunUniformIdentifier,
] as const;
