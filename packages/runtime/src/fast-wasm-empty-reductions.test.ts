// Reference values: NumPy's and PyTorch's reductions over no elements — Σ∅ = 0, Π∅ = 1,
// mean(∅) = NaN, any(∅) = false, all(∅) = true (numpy.sum(numpy.zeros((0, 4)), 0) is [0, 0, 0, 0]).
// Only the fast wasm backends are checked: stock wasm returns uninitialised memory here and the
// cpu backend gives mean(∅) = 0 and all(∅) = false.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';

describeEachBackend(
  'reductions over an empty axis',
  () => {
    /** The values and shape of a reduction's output, the tensor disposed. */
    async function read(make: () => tf.Tensor) {
      const t = make();
      const out = { shape: t.shape, dtype: t.dtype, values: [...(await t.data())] };
      t.dispose();
      return out;
    }

    it('gives each reduction its identity (the mean NaN) in the right shape and dtype', async () => {
      const empty = tf.zeros([0, 4]);
      const flags = tf.zeros([0, 4], 'bool');
      expect(await read(() => tf.sum(empty, 0))).toEqual({
        shape: [4],
        dtype: 'float32',
        values: [0, 0, 0, 0],
      });
      expect(await read(() => tf.sum(empty, 0, true))).toEqual({
        shape: [1, 4],
        dtype: 'float32',
        values: [0, 0, 0, 0],
      });
      expect((await read(() => tf.prod(empty, 0))).values).toEqual([1, 1, 1, 1]);
      expect((await read(() => tf.mean(empty, 0))).values).toEqual([NaN, NaN, NaN, NaN]);
      expect(await read(() => tf.any(flags, 0))).toEqual({
        shape: [4],
        dtype: 'bool',
        values: [0, 0, 0, 0],
      });
      expect((await read(() => tf.all(flags, 0))).values).toEqual([1, 1, 1, 1]);
      expect(await read(() => tf.sum(tf.zeros([0, 3], 'int32'), 0))).toEqual({
        shape: [3],
        dtype: 'int32',
        values: [0, 0, 0],
      });
      expect(await read(() => tf.sum(tf.zeros([0])))).toEqual({
        shape: [],
        dtype: 'float32',
        values: [0],
      });
      expect(await read(() => tf.sum(tf.zeros([3, 0]), 1))).toEqual({
        shape: [3],
        dtype: 'float32',
        values: [0, 0, 0],
      });
      expect((await read(() => tf.sum(tf.zeros([3, 0]), 0))).shape).toEqual([0]);
      tf.dispose([empty, flags]);
    });

    it('leaves non-empty reductions to the stock kernels, and leaks no tensor', async () => {
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
      const empty = tf.zeros([0, 2]);
      const before = tf.memory().numTensors;
      expect((await read(() => tf.sum(x, 0))).values).toEqual([9, 12]);
      expect((await read(() => tf.prod(x, 1))).values).toEqual([2, 12, 30]);
      expect((await read(() => tf.mean(x))).values).toEqual([3.5]);
      expect((await read(() => tf.sum(empty, 0))).values).toEqual([0, 0]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, empty]);
    });
  },
  ['snn-wasm', 'snn-native'],
);
