import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { SnnError } from './snn-error';

/** The constructor argument of every tfjs layer (`LayerArgs`, not exported by tfjs-layers). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** The keyword arguments of `Layer.call` (`Kwargs`); `training` switches dropout on. */
export type Kwargs = Parameters<tfl.layers.Layer['call']>[1];

/** The single input tensor of a one-input layer. */
export function singleInput(layer: string, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) {
    throw new SnnError(
      `${layer}: expected exactly one input tensor, got ${inputs.length}; apply the layer to a single tensor`,
    );
  }
  return inputs[0]!;
}

/**
 * A per-call seed for a seeded dropout layer: each training step must draw a new mask, yet a seeded
 * layer must replay the same sequence of masks. String seeds keep layers with neighbouring integer
 * seeds from sharing masks.
 */
export function stepSeed(seed: number | null, step: number): string | undefined {
  return seed == null ? undefined : `${seed}/${step}`;
}
