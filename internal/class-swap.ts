import * as tf from '@tensorflow/tfjs-core';

type SerializableClass = tf.serialization.SerializableConstructor<tf.serialization.Serializable>;
type Entry = [SerializableClass, unknown];

/** Whether a serialization-map entry holds a class that carries `brand`. */
function isBranded(entry: unknown, brand: symbol): boolean {
  const cls = Array.isArray(entry) ? entry[0] : undefined;
  return typeof cls === 'function' && (cls as unknown as Record<symbol, unknown>)[brand] === true;
}

/**
 * Registers `classes` under their `className`, replacing what tfjs has there, and returns a
 * function that puts the previous entries back. The opt-in switches of the packages
 * (`useSnnAlphaDropout`, `useKerasSnn`) are built on it.
 *
 * Each class carries `brand` as a static property: a name whose current class carries it is left
 * alone, so a second call (or a second copy of the package, ESM next to CJS) swaps nothing and
 * its restore function is a no-op. Restore only undoes names that still hold a branded class.
 */
export function swapRegistrations(
  classes: readonly SerializableClass[],
  brand: symbol,
): () => void {
  const map = tf.serialization.SerializationMap.getMap().classNameMap as Record<string, Entry>;
  const previous = new Map<string, Entry | undefined>();
  for (const cls of classes) {
    const name = cls.className;
    if (isBranded(map[name], brand)) continue;
    previous.set(name, map[name]);
    tf.serialization.SerializationMap.register(cls);
  }
  return () => {
    for (const [name, entry] of previous) {
      if (!isBranded(map[name], brand)) continue;
      if (entry === undefined) delete map[name];
      else map[name] = entry;
    }
    previous.clear();
  };
}
