import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { registerFusedGradient } from './fused-kernel-gradient';

/**
 * The kernel y = c + σ(g)·(relu(h) − c) of a highway layer (inputs `carry` c, `transform` h and
 * `gate` g, the pre-activations of H and T, all of one shape). Backends that implement it
 * (`snn-native`) register it under this name; it gives the composite of `highwayGate` bit for bit.
 */
export const SNN_HIGHWAY = 'SnnHighway';

/** The kernel [dc, dh, dg] of {@link SNN_HIGHWAY} given dy (inputs `dy`, `carry`, `transform`, `gate`). */
export const SNN_HIGHWAY_GRAD = 'SnnHighwayGrad';

/**
 * A highway layer's output from its carry c and the pre-activations h and g of its transform
 * H = relu(h) and its gate T = σ(g):
 *
 *   y = c + T·(H − c)  (= H·T + c·(1 − T)),
 *   dc = dy − dy·T,  dh = dy·T·step(h),  dg = dy·(H − c)·T·(1 − T)
 *
 * as tfjs ops, add(c, mul(sigmoid(g), sub(relu(h), c))), differentiable in all three. Where the
 * active backend has {@link SNN_HIGHWAY} and all three are float32 of one shape, it runs as that
 * one kernel and its gradient as {@link SNN_HIGHWAY_GRAD}: the same activations and roundings as
 * the composite, so the same values and gradients bit for bit, in two kernel calls where tfjs makes
 * about thirty (five forward, their saved-input copies, and the gradients of each). Pass
 * `fused: false` for the composite everywhere.
 *
 * @param carry - c: the layer's input, or its projection where the sizes differ.
 * @param transform - h, the transform's pre-activation x·W_H + b_H.
 * @param gate - g, the gate's pre-activation x·W_T + b_T.
 * @param fused - `false` for the composite on every backend.
 * @example
 * const y = highwayGate(tf.ones([1, 2]), tf.tensor2d([[3, -1]]), tf.zeros([1, 2])); // [[2, 0.5]]
 */
export function highwayGate(
  carry: tf.Tensor,
  transform: tf.Tensor,
  gate: tf.Tensor,
  fused = true,
): tf.Tensor {
  if (
    fused &&
    [carry, transform, gate].every((t) => t.dtype === 'float32') &&
    tf.util.arraysEqual(carry.shape, transform.shape) &&
    tf.util.arraysEqual(carry.shape, gate.shape) &&
    hasHighwayKernel()
  ) {
    registerFusedGradient(
      SNN_HIGHWAY,
      SNN_HIGHWAY_GRAD,
      ['carry', 'transform', 'gate'],
      'a highway gate',
    );
    return tf.engine().runKernel(SNN_HIGHWAY, { carry, transform, gate } as NamedTensorMap);
  }
  return tf.tidy(() => mixHighway(carry, tf.relu(transform), tf.sigmoid(gate)));
}

/**
 * A highway layer's mix of its carry c and its transform H by its gate T, as tfjs ops:
 * H·T + c·(1 − T) written as c + T·(H − c) (one multiply fewer, the same value), the composite
 * whose roundings {@link SNN_HIGHWAY} makes.
 *
 * @example
 * const y = mixHighway(tf.ones([1, 2]), tf.tensor2d([[3, 0]]), tf.fill([1, 2], 0.5)); // [[2, 0.5]]
 */
export function mixHighway(carry: tf.Tensor, transform: tf.Tensor, gate: tf.Tensor): tf.Tensor {
  return tf.add(carry, tf.mul(gate, tf.sub(transform, carry)));
}

/** Whether the active backend runs {@link highwayGate} as the one kernel {@link SNN_HIGHWAY}. */
export function hasHighwayKernel(): boolean {
  return tf.getKernel(SNN_HIGHWAY, tf.getBackend()) != null;
}
