import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { SNN_AXPY } from './native-kernels';

/**
 * `optimizer.minimize(f, returnCost, varList)`, with plain SGD's update done in one native pass
 * per variable where the active backend has the addon's {@link SNN_AXPY} kernel (`snn-native`):
 * w ← w − η·g as SNN_AXPY(−η, g, w), where tfjs's `SGDOptimizer` runs two kernels (Multiply,
 * Add) with the same two roundings. Same update, same iteration count; any other optimizer
 * (momentum, Adam, … and subclasses of SGD) or backend calls `minimize` itself.
 *
 * @example
 * const optimizer = tf.train.sgd(0.01);
 * const cost = minimizeStep(optimizer, () => tf.losses.meanSquaredError(y, model.apply(x)), true, vars);
 */
export function minimizeStep(
  optimizer: tf.Optimizer,
  f: () => tf.Scalar,
  returnCost: boolean,
  varList: tf.Variable[],
): tf.Scalar | null {
  if (
    tf.getKernel(SNN_AXPY, tf.getBackend()) == null ||
    Object.getPrototypeOf(optimizer) !== tf.SGDOptimizer.prototype
  ) {
    return optimizer.minimize(f, returnCost, varList);
  }
  const sgd = optimizer as tf.SGDOptimizer & { learningRate: number; incrementIterations(): void };
  const { value, grads } = optimizer.computeGradients(f, varList);
  try {
    const float32 = varList.every(
      (v) => v.dtype === 'float32' && (grads[v.name]?.dtype ?? 'float32') === 'float32',
    );
    if (float32) {
      for (const variable of varList) {
        const gradient = grads[variable.name];
        if (gradient == null) continue;
        const updated = tf
          .engine()
          .runKernel(
            SNN_AXPY,
            { x: gradient, y: variable } as NamedTensorMap,
            { alpha: -sgd.learningRate } as never,
          ) as tf.Tensor;
        variable.assign(updated);
        updated.dispose();
      }
      sgd.incrementIterations();
    } else {
      optimizer.applyGradients(grads);
    }
  } finally {
    tf.dispose(grads);
  }
  if (returnCost) return value;
  value.dispose();
  return null;
}
