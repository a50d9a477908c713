import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { lecunNormal } from './lecun-normal';
import { weightMoments } from './weight-moments';

/** ω_j and τ_j in float64, straight from the definition. */
function referenceMoments(values: ArrayLike<number>, fanIn: number, units: number) {
  const omega = new Float64Array(units);
  const tau = new Float64Array(units);
  for (let i = 0; i < fanIn; i++) {
    for (let j = 0; j < units; j++) {
      const w = values[i * units + j]!;
      omega[j] += w;
      tau[j] += w * w;
    }
  }
  return { omega, tau };
}

describeEachBackend('weightMoments', () => {
  it('sums columns: ω_j = Σᵢ w_ij, τ_j = Σᵢ w_ij² (hand-computed 3×2 kernel)', () => {
    const kernel = tf.tensor2d([
      [1, 2],
      [3, -4],
      [0.5, 0],
    ]);
    const before = tf.memory().numTensors;
    const m = weightMoments(kernel);
    expect(tf.memory().numTensors).toBe(before);
    kernel.dispose();
    // ω = [4.5, −2], τ = [10.25, 20]
    expect(m.fanIn).toBe(3);
    expect(m.units).toBe(2);
    expect(m.omega).toEqual({ mean: 1.25, std: 3.25, min: -2, max: 4.5 });
    expect(m.tau).toEqual({ mean: 15.125, std: 4.875, min: 10.25, max: 20 });
    expect(m.inDomain).toBe(false);
    expect(m.fractionInDomain).toBe(0);
  });

  it('matches the float64 definition on a non-square LeCun kernel (300×500)', () => {
    const kernel = lecunNormal({ seed: 41 }).apply([300, 500]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const m = weightMoments(kernel);
    expect(tf.memory().numTensors).toBe(before);
    const ref = referenceMoments(kernel.dataSync(), 300, 500);
    kernel.dispose();
    const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(m.omega.mean).toBeCloseTo(mean(ref.omega), 5);
    expect(m.tau.mean).toBeCloseTo(mean(ref.tau), 5);
    expect(m.omega.min).toBeCloseTo(Math.min(...ref.omega), 5);
    expect(m.omega.max).toBeCloseTo(Math.max(...ref.omega), 5);
    expect(m.tau.min).toBeCloseTo(Math.min(...ref.tau), 5);
    expect(m.tau.max).toBeCloseTo(Math.max(...ref.tau), 5);
    // Var(w) = 1/300: E[τ_j] = 1, sd(τ_j) = √(2/300); ω_j ~ N(0, 1), so its mean over 500 units
    // has sd √(1/500). Allow 5 standard errors of the mean over units.
    expect(Math.abs(m.tau.mean - 1)).toBeLessThan(5 * Math.sqrt(2 / 300 / 500));
    expect(Math.abs(m.omega.mean)).toBeLessThan(5 * Math.sqrt(1 / 500));
    expect(m.omega.std).toBeGreaterThan(0.85);
    expect(m.omega.std).toBeLessThan(1.15);
    expect(m.inDomain).toBe(true);
  });

  it('flags units inside and outside ω ∈ [−0.1, 0.1], τ ∈ [0.95, 1.1]', () => {
    // Column 0: ±1/2 alternating → ω = 0, τ = 1 (inside). Column 1: all 1/2 → ω = 2 (outside).
    // Column 2: ±0.55 alternating → τ = 1.21 (outside).
    const rows = [0, 1, 2, 3].map((i) => [i % 2 ? -0.5 : 0.5, 0.5, i % 2 ? -0.55 : 0.55]);
    const kernel = tf.tensor2d(rows);
    const m = weightMoments(kernel);
    kernel.dispose();
    expect(m.fractionInDomain).toBeCloseTo(1 / 3, 12);
    expect(m.omega.mean).toBeCloseTo(2 / 3, 6);
    expect(m.inDomain).toBe(false);
  });
});

describe('weightMoments errors', () => {
  it('rejects anything but a non-empty rank-2 float32 tensor', () => {
    const v = tf.zeros([4]);
    const c = tf.zeros([3, 3, 2]);
    const e = tf.zeros([0, 3]);
    const i = tf.zeros([2, 2], 'int32');
    expect(() => weightMoments(v as unknown as tf.Tensor2D)).toThrow(SnnError);
    expect(() => weightMoments(v as unknown as tf.Tensor2D)).toThrow(
      /weightMoments: `kernel` must be a rank-2 tensor \[fanIn, units\], got shape \[4\]/,
    );
    expect(() => weightMoments(c as unknown as tf.Tensor2D)).toThrow(/got shape \[3,3,2\]/);
    expect(() => weightMoments(e as tf.Tensor2D)).toThrow(/at least one row and one column/);
    expect(() => weightMoments(i as tf.Tensor2D)).toThrow(/must be float32, got int32/);
    expect(() => weightMoments(null as unknown as tf.Tensor2D)).toThrow(SnnError);
    tf.dispose([v, c, e, i]);
  });
});
