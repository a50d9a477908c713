import { serialization } from '@tensorflow/tfjs-core';

/** The package name every `@snn/*` class is registered under in tfjs (`snn>SnnSelu`, …). */
export const SNN_NAMESPACE = 'snn';

type SerializableClass = Parameters<typeof serialization.registerClass>[0];

/**
 * Registers `classes` for tfjs model (de)serialization under their own `className`s (all
 * prefixed `Snn`, so no tfjs built-in is ever replaced) and the `snn` namespace.
 *
 * Idempotent per tfjs instance: a name that is already registered is left alone. When the ESM and
 * the CJS build (or two versions) of a package share one tfjs, the first registration wins and the
 * later ones neither throw nor swap classes under existing models.
 *
 * @example
 * registerClasses([SeluLayer, AlphaDropoutLayer]); // at module load, from a package's register.ts
 */
export function registerClasses(classes: readonly SerializableClass[]): void {
  const registered = serialization.SerializationMap.getMap().classNameMap;
  for (const cls of classes) {
    if (!Object.hasOwn(registered, cls.className)) {
      serialization.registerClass(cls, SNN_NAMESPACE);
    }
  }
}
