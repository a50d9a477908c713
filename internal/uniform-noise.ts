import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';

/**
 * The kernel of a float32 tensor of uniform numbers on [0, 1) from an Alea state (no inputs;
 * attrs `shape`, `state`): what tfjs's seeded `tf.randomUniform` draws in JavaScript, one number
 * at a time, in one pass. Backends that implement it (`snn-native`) register it under this name.
 */
export const SNN_RANDOM_UNIFORM = 'SnnRandomUniform';

/** The state of Baagøe's Alea generator: three fractions in [0, 1) and a carry. */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/**
 * Baagøe's Mash hash, the seeding function of his Alea generator (as seedrandom implements it):
 * each call folds the characters of `data` into the running state and returns it in [0, 1).
 */
function mash(): (data: string) => number {
  let n = 0xefc8249d;
  return (data) => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000; // 2^32
    }
    return (n >>> 0) * 2.3283064365386963e-10; // 2^-32
  };
}

/**
 * The Alea state seeded with `seed` (as a string: a number seeds by its `toString()`), the state
 * seedrandom's `alea(seed)` starts from, and so tfjs's `tf.randomUniform(…, seed)`.
 *
 * @example
 * aleaState('1'); // { s0, s1, s2 in [0, 1), c: 1 }
 */
export function aleaState(seed: string): AleaState {
  const hash = mash();
  let s0 = hash(' ');
  let s1 = hash(' ');
  let s2 = hash(' ');
  s0 -= hash(seed);
  if (s0 < 0) s0 += 1;
  s1 -= hash(seed);
  if (s1 < 0) s1 += 1;
  s2 -= hash(seed);
  if (s2 < 0) s2 += 1;
  return { s0, s1, s2, c: 1 };
}

/**
 * `tf.randomUniform(shape, 0, 1, 'float32', seed)`: uniform noise on [0, 1) for dropout masks.
 * With a seed, where the active backend has {@link SNN_RANDOM_UNIFORM}, the numbers are drawn in
 * one native pass instead of one JavaScript call each (8,192 per 32 × 256 mask), the same numbers
 * bit for bit; without a seed, or on other backends, tfjs draws them.
 *
 * @param shape - The shape of the noise.
 * @param seed - The seed (a number or string, as tfjs takes it), or undefined for fresh noise.
 * @example
 * const noise = uniformNoise([32, 256], '7/0'); // equals tf.randomUniform([32, 256], 0, 1, 'float32', '7/0')
 */
export function uniformNoise(shape: number[], seed: number | string | undefined): tf.Tensor {
  if (seed == null || tf.getKernel(SNN_RANDOM_UNIFORM, tf.getBackend()) == null) {
    return tf.randomUniform(shape, 0, 1, 'float32', seed);
  }
  const state = aleaState(String(seed));
  return tf.engine().runKernel(
    SNN_RANDOM_UNIFORM,
    {} as NamedTensorMap,
    {
      shape,
      state,
    } as never,
  ) as tf.Tensor;
}
