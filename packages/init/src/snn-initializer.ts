import type { DataType, Tensor, serialization } from '@tensorflow/tfjs-core';
import { initializers } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../internal/snn-error';

/** tfjs-layers' abstract `Initializer`, the type `kernelInitializer` accepts. */
export type Initializer = ReturnType<typeof initializers.ones>;

/** A weight shape as tfjs-layers passes it to `Initializer.apply`. */
export type Shape = Parameters<Initializer['apply']>[0];

/**
 * tfjs-layers exports the `Initializer` base class only as a type, yet `tf.layers.dense` accepts an
 * initializer object only if it is `instanceof` that class. We therefore extend the very class the
 * user's tfjs-layers instance constructs its own initializers from: `Ones extends Initializer`.
 */
const InitializerBase = Object.getPrototypeOf(
  initializers.ones().constructor,
) as abstract new () => Initializer;

/** Arguments shared by every initializer of this package. */
export interface SeedArgs {
  /**
   * Seed of the random generator. The same seed gives the same tensor on every call and every
   * backend (the values are drawn in JavaScript). Default: unseeded.
   */
  seed?: number;
}

/**
 * Base of this package's initializers: a real tfjs-layers `Initializer` whose `fromConfig` ignores
 * the `customObjects` entry tfjs-layers adds to a config while deserializing. Exported so that
 * other packages' initializers (Keras' variance scaling in @snn/snn-layers) share its seed rules:
 * a finite number or none, and seed 0 deterministic.
 *
 * @example
 * class Halves extends SnnInitializer {
 *   static className = 'MyHalves';
 *   constructor(args?: SeedArgs) { super('halves', args); }
 *   apply(shape: Shape) { return tf.fill(shape as number[], 0.5); }
 * }
 * @see https://arxiv.org/abs/1706.02515
 */
export abstract class SnnInitializer extends InitializerBase {
  /** Seed of the random generator, or `undefined` for an unseeded initializer. */
  readonly seed: number | undefined;

  constructor(caller: string, args: SeedArgs | undefined) {
    super();
    if (args != null && (typeof args !== 'object' || Array.isArray(args))) {
      throw new SnnError(
        `${caller}: the argument must be an options object such as { seed: 1 }, got ` +
          `${JSON.stringify(args)}`,
      );
    }
    const seed = args?.seed ?? undefined;
    if (seed !== undefined && !(typeof seed === 'number' && Number.isFinite(seed))) {
      throw new SnnError(
        `${caller}: \`seed\` must be a finite number, got ${JSON.stringify(seed)}; pass an integer such as 1, or leave it out for an unseeded initializer`,
      );
    }
    this.seed = seed;
  }

  abstract override apply(shape: Shape, dtype?: DataType): Tensor;

  /** tfjs draws random tensors in JavaScript; its generators treat seed 0 as "no seed". */
  protected seedForTfjs(): number | undefined {
    // A string seed is hashed exactly like the number's `toString()`, but '0' is truthy, so
    // seed 0 stays deterministic. The tfjs typings say `number`; the generators accept both.
    return this.seed === undefined ? undefined : (String(this.seed) as unknown as number);
  }

  /** The constructor options, for serialization (`fromConfig` rebuilds the initializer). */
  override getConfig(): serialization.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    const { customObjects: _ignored, ...args } = config;
    return new cls(args);
  }
}

/** Checks the `dtype` tfjs-layers asks for: random weights are float32. */
export function checkFloat32(caller: string, dtype: DataType | undefined): void {
  if (dtype !== undefined && dtype !== 'float32') {
    throw new SnnError(
      `${caller}: \`dtype\` must be 'float32', got '${dtype}'; random initial weights are real-valued, so create the layer with dtype float32`,
    );
  }
}
