import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';

/** A map from variable names to gradients, or a list of `{ name, tensor }`, as tfjs passes them. */
type VariableGradients = Parameters<tf.SGDOptimizer['applyGradients']>[0];
import { SNN_AXPY } from './native-kernels';

/**
 * Plain SGD, w ← w − η·g, whose update runs as one native kernel call for all variables,
 * {@link SNN_AXPY}(−η, g, w) for each, on a backend that has that kernel (`snn-native`), where
 * tfjs's `SGDOptimizer` runs two kernels per variable (Multiply, Add). Elsewhere, and when a variable or gradient is
 * not float32, tfjs's own update runs. Both round twice in float32 (−η·g, then + w), so the
 * weights are the same bit for bit either way, and so is the iteration count.
 *
 * A `tf.SGDOptimizer` in every other respect: `model.compile({ optimizer })` and `model.fit` take
 * it, and it serializes as tfjs's `'SGD'` (a saved model's optimizer loads as tfjs's own).
 *
 * @example
 * import { NativeSgdOptimizer } from '@snn/backend-native';
 * model.compile({ optimizer: new NativeSgdOptimizer(0.01), loss: 'categoricalCrossentropy' });
 * await model.fit(x, y, { epochs: 10, batchSize: 128 }); // the update on the addon on snn-native
 * @see https://arxiv.org/abs/1706.02515
 */
export class NativeSgdOptimizer extends tf.SGDOptimizer {
  /** tfjs's name: saved and loaded as a plain SGD optimizer. */
  static override className = 'SGD';

  /**
   * w ← w − η·g for each variable named in `variableGradients` (a gradient of `null` is
   * skipped), then counts one iteration: natively where the backend has {@link SNN_AXPY} and all
   * are float32, else as tfjs's `SGDOptimizer`.
   */
  override applyGradients(variableGradients: VariableGradients): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients.map(({ name, tensor }) => [name, tensor] as const)
      : Object.entries(variableGradients);
    const pairs = named.map(([name, gradient]) => ({
      variable: tf.engine().registeredVariables[name]!,
      gradient,
    }));
    const native =
      tf.getKernel(SNN_AXPY, tf.getBackend()) != null &&
      pairs.every(
        ({ variable, gradient }) =>
          variable.dtype === 'float32' && (gradient?.dtype ?? 'float32') === 'float32',
      );
    if (!native) {
      super.applyGradients(variableGradients);
      return;
    }
    const present = pairs.filter(
      (p): p is { variable: tf.Variable; gradient: tf.Tensor } => p.gradient != null,
    );
    if (present.length > 0) {
      // All updates as one kernel call: inputs x0 = g0, y0 = w0, x1, y1, …
      const inputs = Object.fromEntries(
        present.flatMap(({ variable, gradient }, i) => [
          [`x${i}`, gradient],
          [`y${i}`, variable],
        ]),
      );
      const updated = tf.engine().runKernel(
        SNN_AXPY,
        inputs as NamedTensorMap,
        {
          alpha: -this.learningRate,
        } as never,
      ) as tf.Tensor | tf.Tensor[];
      const outputs = Array.isArray(updated) ? updated : [updated];
      present.forEach(({ variable }, i) => variable.assign(outputs[i]!));
      tf.dispose(outputs);
    }
    this.incrementIterations();
  }
}

/**
 * A {@link NativeSgdOptimizer} with learning rate η > 0, as `tf.train.sgd(η)` makes tfjs's.
 *
 * @param learningRate - η, the step size.
 * @example
 * model.compile({ optimizer: nativeSgd(0.01), loss: 'meanSquaredError' });
 */
export function nativeSgd(learningRate: number): NativeSgdOptimizer {
  return new NativeSgdOptimizer(learningRate);
}
