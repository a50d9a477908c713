/**
 * Trains a compiled model on (x, labels) for 2 epochs and 2 more (batch 32, no shuffling, so a
 * partial last batch when the rows are not a multiple of 32), checks that the second fit leaves
 * the tensor count where it found it, and returns every weight's values (non-trainable ones such
 * as moving statistics included); the model is disposed. Two models that differ only in a layer's
 * implementation must return equal arrays (`toEqual` tells −0 from +0).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';

export async function fitWeights(
  model: LayersModel,
  x: tf.Tensor,
  labels: tf.Tensor,
): Promise<number[][]> {
  const fit = { epochs: 2, batchSize: 32, shuffle: false, verbose: 0 as const };
  await model.fit(x, labels, fit);
  const before = tf.memory().numTensors;
  await model.fit(x, labels, fit);
  expect(tf.memory().numTensors).toBe(before);
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  return weights;
}
