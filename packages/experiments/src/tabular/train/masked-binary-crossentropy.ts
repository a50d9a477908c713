import * as tf from '@tensorflow/tfjs-core';

const EPSILON = 1e-7;

/**
 * Binary cross-entropy over the known labels only, for multi-task data with missing labels
 * (Tox21): targets are 0/1, and −1 marks a missing label that contributes nothing.
 *
 * loss = Σᵢₜ mᵢₜ·[−yᵢₜ log pᵢₜ − (1 − yᵢₜ) log(1 − pᵢₜ)] / max(1, Σᵢₜ mᵢₜ), mᵢₜ = [yᵢₜ ≥ 0],
 * with p clipped to [1e-7, 1 − 1e-7] as Keras does.
 *
 * @param yTrue - n × tasks targets in {−1, 0, 1}.
 * @param yPred - n × tasks sigmoid outputs.
 * @example
 * maskedBinaryCrossentropy(tf.tensor2d([[1, -1]]), tf.tensor2d([[0.9, 0.3]])); // −log 0.9
 * @see https://arxiv.org/abs/1706.02515 (Tox21: 12 tasks, missing labels masked)
 */
export function maskedBinaryCrossentropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const mask = tf.cast(tf.greaterEqual(yTrue, 0), 'float32');
    const target = tf.mul(yTrue, mask);
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    const perLabel = tf.neg(
      tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)))),
    );
    return tf.div(tf.sum(tf.mul(perLabel, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  });
}
