// Reference values: torch autograd in float64 (src/fixtures/selu.json), regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { SELU_ALPHA, SELU_LAMBDA } from './constants';
import fixtures from './fixtures/selu.json';
import { selu } from './selu';

function maxRelativeError(got: ArrayLike<number>, want: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const ref = want[i]!;
    const err = ref === 0 ? Math.abs(got[i]!) : Math.abs(got[i]! - ref) / Math.abs(ref);
    worst = Math.max(worst, err);
  }
  return worst;
}

describe('SELU constants', () => {
  it('are the paper’s α01, λ01 at full double precision', () => {
    // the doubles nearest to the paper's 32-digit values
    expect(SELU_ALPHA).toBe(Number('1.6732632423543772848170429916717'));
    expect(SELU_LAMBDA).toBe(Number('1.0507009873554804934193349852946'));
    // paper eq. 14 closed form of α01 (with Math-level erfc(1/√2) = 0.31731050786291415)
    const erfcInvSqrt2 = 0.31731050786291415;
    expect(-Math.sqrt(2 / Math.PI) / (erfcInvSqrt2 * Math.sqrt(Math.E) - 1)).toBeCloseTo(
      SELU_ALPHA,
      14,
    );
  });
});

describeEachBackend('selu', () => {
  for (const set of fixtures.sets) {
    const isDefault = set.alpha === SELU_ALPHA && set.lambda === SELU_LAMBDA;
    const label = isDefault ? 'default α, λ' : `α = ${set.alpha}, λ = ${set.lambda}`;
    const params = isDefault ? undefined : { alpha: set.alpha, lambda: set.lambda };

    it(`matches the float64 definition forward (≤ 1e-6) and backward (≤ 1e-5), ${label}`, () => {
      const x = tf.tensor1d(set.x);
      const before = tf.memory().numTensors;
      const y = selu(x, params);
      expect(tf.memory().numTensors).toBe(before + 1);
      const grad = tf.grad((t: tf.Tensor) => selu(t, params))(x);
      expect(maxRelativeError(y.dataSync(), set.value)).toBeLessThanOrEqual(1e-6);
      expect(maxRelativeError(grad.dataSync(), set.gradient)).toBeLessThanOrEqual(1e-5);
      tf.dispose([x, y, grad]);
      expect(tf.memory().numTensors).toBe(before - 1);
    });
  }

  it('has gradient λα at 0 for custom parameters', () => {
    const params = { alpha: 1.5, lambda: 1.2 };
    const g = tf.grad((t: tf.Tensor) => selu(t, params))(tf.scalar(0));
    expect(g.dataSync()[0]).toBeCloseTo(1.8, 6);
    g.dispose();
  });

  it('keeps shape and accepts plain arrays', () => {
    const x = tf.randomNormal([3, 5, 2], 0, 1, 'float32', 3);
    const y = selu(x, { alpha: 2, lambda: 1.1 });
    expect(y.shape).toEqual([3, 5, 2]);
    const z = selu([-1, 1]);
    expect(Array.from(z.dataSync())).toEqual([
      Math.fround(SELU_LAMBDA * SELU_ALPHA * Math.expm1(-1)),
      Math.fround(SELU_LAMBDA),
    ]);
    tf.dispose([x, y, z]);
  });

  it('rejects non-positive α or λ with an SnnError naming the argument', () => {
    const x = tf.scalar(1);
    expect(() => selu(x, { alpha: -1 })).toThrow(SnnError);
    expect(() => selu(x, { lambda: 0 })).toThrow(/`lambda` must be > 0, got 0/);
    x.dispose();
  });
});
