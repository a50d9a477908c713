/**
 * Serialization helpers shared by the custom layers (internal, not exported from the package).
 *
 * tfjs-layers keeps `getInitializer`/`serializeInitializer` and friends out of its public index,
 * and deep imports of its `dist/` break the CJS build, so the layers use these small equivalents
 * built only on the public `serialization` registry of tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import type { initializers, regularizers } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../internal/snn-error';
import { deriveSeed } from './seed';

/** A tfjs-layers initializer instance (`tf.initializers.*`, `@snn/init`). */
export type Initializer = ReturnType<typeof initializers.ones>;
/** A tfjs-layers regularizer instance (`tf.regularizers.*`). */
export type Regularizer = ReturnType<typeof regularizers.l2>;

/** An initializer, or its serialized form `{className, config}` as found in a saved model. */
export type InitializerLike = Initializer | serialization.ConfigDict;
/** A regularizer, or its serialized form `{className, config}` as found in a saved model. */
export type RegularizerLike = Regularizer | serialization.ConfigDict;

/** A tfjs-layers shape; `null` is an unknown (batch) dimension. */
export type Shape = (number | null)[];

/** Element-wise activations the custom layers accept by name. */
export type LayerActivation = 'linear' | 'relu' | 'selu' | 'elu' | 'tanh' | 'sigmoid';

const ACTIVATIONS: Record<LayerActivation, (x: tf.Tensor) => tf.Tensor> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  // The built-in kernel is exact (max error ≤ 3e-7 against float64); reuse it.
  selu: (x) => tf.selu(x),
  elu: (x) => tf.elu(x),
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
};

export function checkActivation(owner: string, value: unknown): LayerActivation {
  if (typeof value === 'string' && value in ACTIVATIONS) return value as LayerActivation;
  throw new SnnError(
    `${owner}: \`activation\` must be one of ${Object.keys(ACTIVATIONS).join(', ')}, got ${JSON.stringify(value)}; pass one of these names`,
  );
}

export function applyActivation(name: LayerActivation, x: tf.Tensor): tf.Tensor {
  return ACTIVATIONS[name](x);
}

function isInstance(value: unknown): value is serialization.Serializable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { getConfig?: unknown }).getConfig === 'function' &&
    typeof (value as { getClassName?: unknown }).getClassName === 'function'
  );
}

function fromRegistry<T>(owner: string, arg: string, value: serialization.ConfigDict): T {
  const className = value.className;
  if (typeof className !== 'string') {
    throw new SnnError(
      `${owner}: \`${arg}\` must be an instance or a serialized {className, config}, got ${JSON.stringify(value)}; pass e.g. tf.initializers.zeros()`,
    );
  }
  const entry = serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) {
    throw new SnnError(
      `${owner}: \`${arg}\` names the class ${className}, which is not registered with tfjs; import the package that defines it (e.g. @snn/init) before loading the model`,
    );
  }
  const [cls, fromConfig] = entry;
  const config = (value.config ?? {}) as serialization.ConfigDict;
  return fromConfig(cls, config) as T;
}

/** Accepts an initializer instance or its serialized `{className, config}`. */
export function toInitializer(owner: string, arg: string, value: InitializerLike): Initializer {
  if (isInstance(value)) return value as Initializer;
  return fromRegistry<Initializer>(owner, arg, value as serialization.ConfigDict);
}

/** Accepts a regularizer instance or its serialized `{className, config}`; null/undefined stay. */
export function toRegularizer(
  owner: string,
  arg: string,
  value: RegularizerLike | null | undefined,
): Regularizer | undefined {
  if (value == null) return undefined;
  if (isInstance(value)) return value as Regularizer;
  return fromRegistry<Regularizer>(owner, arg, value as serialization.ConfigDict);
}

/** `{className, config}` of a serializable, the form tfjs stores nested objects in. */
export function serialize(value: serialization.Serializable): serialization.ConfigDict {
  return { className: value.getClassName(), config: value.getConfig() };
}

/**
 * A copy of `init` whose seed is derived from its own seed and `salt`.
 *
 * A layer with several kernels draws each from its own copy, so one seeded initializer gives
 * distinct but reproducible kernels. Initializers without a numeric `seed` in their config are
 * returned unchanged (they draw fresh values on every call anyway).
 */
export function reseed(init: Initializer, salt: number): Initializer {
  const config = init.getConfig();
  if (typeof config.seed !== 'number') return init;
  return fromRegistry<Initializer>('reseed', 'initializer', {
    className: init.getClassName(),
    config: { ...config, seed: deriveSeed(config.seed, salt) },
  });
}

export function checkPositiveInt(owner: string, arg: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new SnnError(
    `${owner}: \`${arg}\` must be a positive integer, got ${JSON.stringify(value)}; pass e.g. 64`,
  );
}

export function checkRate(owner: string, arg: string, value: unknown): number {
  if (typeof value === 'number' && value >= 0 && value < 1) return value;
  throw new SnnError(
    `${owner}: \`${arg}\` must be in [0, 1), got ${JSON.stringify(value)}; pass a drop probability such as 0.05`,
  );
}

/** The only input the dense-type layers accept: `[batch, features]`. */
export function featureDim(owner: string, inputShape: Shape | Shape[]): number {
  const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
  const last = shape[shape.length - 1];
  if (shape.length !== 2 || typeof last !== 'number') {
    throw new SnnError(
      `${owner}: input must have shape [batch, features] with a known feature size, got [${shape.join(', ')}]; flatten the input first`,
    );
  }
  return last;
}
