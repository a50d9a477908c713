import * as tf from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../internal/snn-error';

/** Loss names {@link trainModel} and {@link evaluateLoss} accept, with Keras semantics. */
export const LOSS_NAMES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
] as const;

/** One of {@link LOSS_NAMES}. */
export type LossName = (typeof LOSS_NAMES)[number];

/** A custom loss: the mean loss of a batch as a scalar, e.g. a masked cross-entropy. */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Keras's fuzz factor: probabilities are clipped to [ε, 1 − ε] before the logarithm. */
export const LOSS_EPSILON = 1e-7;

/**
 * Per-example loss (shape [n]) of a named loss, Keras's definitions with probabilities clipped to
 * [ε, 1 − ε], ε = 1e-7:
 * - categoricalCrossentropy: −Σⱼ yⱼ log p̂ⱼ with p̂ = p / Σⱼ pⱼ (y one-hot or soft, p = softmax);
 * - sparseCategoricalCrossentropy: the same with y an integer class index (shape [n] or [n, 1]);
 * - binaryCrossentropy: meanⱼ −[yⱼ log pⱼ + (1 − yⱼ) log(1 − pⱼ)] (p = sigmoid);
 * - meanSquaredError: meanⱼ (yⱼ − pⱼ)².
 *
 * @param name - One of {@link LOSS_NAMES}.
 * @param yTrue - Targets; n rows.
 * @param yPred - Model outputs; n rows.
 * @example
 * perExampleLoss('categoricalCrossentropy', tf.tensor2d([[0, 1]]), tf.tensor2d([[0.2, 0.8]]));
 * // [0.2231] = −log 0.8
 */
export function perExampleLoss(name: LossName, yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    switch (name) {
      case 'categoricalCrossentropy':
        return categorical(yTrue, yPred);
      case 'sparseCategoricalCrossentropy': {
        const classes = yPred.shape[yPred.shape.length - 1]!;
        const labels = tf.cast(tf.reshape(yTrue, [-1]), 'int32');
        return categorical(tf.oneHot(labels as tf.Tensor1D, classes), yPred);
      }
      case 'binaryCrossentropy': {
        const p = tf.clipByValue(yPred, LOSS_EPSILON, 1 - LOSS_EPSILON);
        const perUnit = tf.neg(
          tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)))),
        );
        return meanOverLastAxis(perUnit);
      }
      case 'meanSquaredError':
        return meanOverLastAxis(tf.squaredDifference(yTrue, yPred));
    }
  });
}

/**
 * The batch-mean loss function for a named or custom loss; validates the name.
 *
 * @param loss - One of {@link LOSS_NAMES}, or a custom {@link LossFunction}.
 * @param caller - Function name used in error messages.
 */
export function resolveLoss(loss: LossName | LossFunction, caller: string): LossFunction {
  if (typeof loss === 'function') return loss;
  if (!(LOSS_NAMES as readonly string[]).includes(loss)) {
    throw new SnnError(
      `${caller}: \`loss\` must be one of ${LOSS_NAMES.join(', ')} or a function (yTrue, yPred) => scalar; got ${JSON.stringify(loss)}`,
    );
  }
  return (yTrue, yPred) => tf.tidy(() => tf.mean(perExampleLoss(loss, yTrue, yPred)) as tf.Scalar);
}

function categorical(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  const axis = yPred.shape.length - 1;
  const p = tf.div(yPred, tf.sum(yPred, axis, true));
  const clipped = tf.clipByValue(p, LOSS_EPSILON, 1 - LOSS_EPSILON);
  return tf.neg(tf.sum(tf.mul(yTrue, tf.log(clipped)), axis)) as tf.Tensor1D;
}

function meanOverLastAxis(x: tf.Tensor): tf.Tensor1D {
  return (x.shape.length === 1 ? x : tf.mean(x, x.shape.length - 1)) as tf.Tensor1D;
}
