// Reference values: NumPy's and PyTorch's reductions over no elements — Σ∅ = 0, Π∅ = 1,
// mean(∅) = NaN, any(∅) = false, all(∅) = true (numpy.sum(numpy.zeros((0, 4)), 0) is [0, 0, 0, 0]);
// max(∅) = −∞ and min(∅) = +∞, TensorFlow's reduce_max / reduce_min (numpy.max with
// initial=-inf), so torch.logsumexp(torch.zeros(0, 3), 0) = [-inf, -inf, -inf]; int32 max(∅) is
// numpy.iinfo(numpy.int32).min = -2147483648. torch.argmax(torch.zeros(0, 3), 0) raises "Expected
// reduction dim 0 to have non-zero size", numpy.argmax "attempt to get argmax of an empty sequence".
// Only the fast wasm backends are checked: stock wasm returns uninitialised memory here and the
// cpu backend gives mean(∅) = 0, all(∅) = false, max(∅) = NaN and argMax(∅) = 0.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../../test/backends';

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

    it('gives max and min their identities ∓∞, so log Σ exp over nothing is −∞', async () => {
      const empty = tf.zeros([0, 3]);
      expect(await read(() => tf.max(empty, 0))).toEqual({
        shape: [3],
        dtype: 'float32',
        values: [-Infinity, -Infinity, -Infinity],
      });
      expect((await read(() => tf.min(empty, 0, true))).values).toEqual([
        Infinity,
        Infinity,
        Infinity,
      ]);
      expect((await read(() => tf.max(empty))).values).toEqual([-Infinity]);
      expect((await read(() => tf.logSumExp(empty, 0))).values).toEqual([
        -Infinity,
        -Infinity,
        -Infinity,
      ]);
      expect(await read(() => tf.max(tf.zeros([0, 2], 'int32'), 0))).toEqual({
        shape: [2],
        dtype: 'int32',
        values: [-2147483648, -2147483648],
      });
      expect((await read(() => tf.min(tf.zeros([0, 2], 'int32'), 0))).values).toEqual([
        2147483647, 2147483647,
      ]);
      expect((await read(() => tf.max(tf.zeros([3, 0]), 0))).shape).toEqual([0]);
      empty.dispose();
    });

    it('refuses argMax / argMin over an axis with no elements, naming the shape and axis', async () => {
      const empty = tf.zeros([0, 3]);
      const before = tf.memory().numTensors;
      expect(() => tf.argMax(empty, 0)).toThrow(
        /argMax over axis 0 of a tensor of shape \[0,3\]: that axis has no elements/,
      );
      expect(() => tf.argMin(empty, -2)).toThrow(
        /argMin over axis 0 of .*\[0,3\].*reduce over an axis with elements/,
      );
      expect(tf.memory().numTensors).toBe(before);
      expect((await read(() => tf.argMax(tf.zeros([3, 0]), 0))).shape).toEqual([0]);
      expect((await read(() => tf.argMax(tf.tensor2d([1, 5, 3, 2], [2, 2]), 1))).values).toEqual([
        1, 0,
      ]);
      empty.dispose();
    });

    it('leaves non-empty reductions to the stock kernels, and leaks no tensor', async () => {
      const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
      const empty = tf.zeros([0, 2]);
      const before = tf.memory().numTensors;
      expect((await read(() => tf.sum(x, 0))).values).toEqual([9, 12]);
      expect((await read(() => tf.prod(x, 1))).values).toEqual([2, 12, 30]);
      expect((await read(() => tf.mean(x))).values).toEqual([3.5]);
      expect((await read(() => tf.max(x, 0))).values).toEqual([5, 6]);
      expect((await read(() => tf.min(x, 1))).values).toEqual([1, 3, 5]);
      expect((await read(() => tf.sum(empty, 0))).values).toEqual([0, 0]);
      expect((await read(() => tf.max(empty, 0))).values).toEqual([-Infinity, -Infinity]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, empty]);
    });
  },
  ['snn-wasm', 'snn-native'],
);
