import * as tf from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';

/** `x` itself if it is a tensor, else a new float32 tensor of its values (the caller disposes it). */
export function toTensor(fn: string, x: tf.Tensor | tf.TensorLike): tf.Tensor {
  if (x instanceof tf.Tensor) {
    if (x.dtype !== 'float32') {
      throw new SnnError(
        `${fn}: \`x\` must be a float32 tensor, got dtype ${x.dtype}; convert it with tf.cast(x, 'float32')`,
      );
    }
    return x;
  }
  return tf.tensor(x as tf.TensorLike, undefined, 'float32');
}
