import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { toTensors } from './to-tensors';

describeEachBackend('toTensors', () => {
  const split = {
    x: Float32Array.from([0.5, 1, 1.5, 2, 2.5, 3]),
    y: Int32Array.from([2, 0]),
    n: 2,
    d: 3,
  };

  it('x → float32 [n, d], class labels → int32 [n], no leaks', async () => {
    const before = tf.memory().numTensors;
    const { x, y } = await toTensors(split);
    expect([x.shape, x.dtype, y.shape, y.dtype]).toEqual([[2, 3], 'float32', [2], 'int32']);
    expect(Array.from(await x.data())).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(Array.from(await y.data())).toEqual([2, 0]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('one-hot labels and multi-task targets', async () => {
    const before = tf.memory().numTensors;
    const hot = await toTensors(split, { oneHot: 3 });
    expect(hot.y.shape).toEqual([2, 3]);
    expect(Array.from(await hot.y.data())).toEqual([0, 0, 1, 1, 0, 0]);
    const multi = await toTensors({ ...split, y: Float32Array.from([1, 0, 0, 1]) });
    expect([multi.y.shape, multi.y.dtype]).toEqual([[2, 2], 'float32']);
    tf.dispose([hot.x, hot.y, multi.x, multi.y]);
    expect(tf.memory().numTensors).toBe(before);
    await expect(toTensors(split, { oneHot: 2 })).rejects.toThrow(
      /label 2 of row 0 is not a class in \[0, 2\)/,
    );
  });
});
