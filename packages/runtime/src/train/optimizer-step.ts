import * as tf from '@tensorflow/tfjs-core';
import { loadedBackendNative } from '../backends/snn-native';

/**
 * One training step, `optimizer.minimize(f, returnCost, varList)`: the gradients of `f`, then the
 * optimizer's update. A plain `tf.train.sgd` optimizer takes the update of @snn/backend-native's
 * `NativeSgdOptimizer` once `enableNative` has run: one native kernel call for all variables while
 * `snn-native` is active, tfjs's own update elsewhere, the same weights bit for bit. Every other
 * optimizer (momentum, Adam, `NativeSgdOptimizer` itself, other subclasses) runs its own
 * `minimize`.
 *
 * @returns The cost when `returnCost` is set (the caller disposes it), else `null`.
 * @example
 * const cost = minimizeStep(tf.train.sgd(0.01), () => loss(model.apply(x), y), true, weights);
 */
export function minimizeStep(
  optimizer: tf.Optimizer,
  f: () => tf.Scalar,
  returnCost: boolean,
  varList: tf.Variable[],
): tf.Scalar | null {
  const native = loadedBackendNative();
  if (native == null || Object.getPrototypeOf(optimizer) !== tf.SGDOptimizer.prototype) {
    return optimizer.minimize(f, returnCost, varList);
  }
  // tfjs's Optimizer.minimize, with the native optimizer's update applied to this optimizer.
  const { value, grads } = optimizer.computeGradients(f, varList);
  try {
    const ordered = varList.map((v) => ({ name: v.name, tensor: grads[v.name]! }));
    native.NativeSgdOptimizer.prototype.applyGradients.call(optimizer, ordered);
  } finally {
    tf.dispose(grads);
  }
  if (returnCost) return value;
  value.dispose();
  return null;
}
