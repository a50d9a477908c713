// Reference a, b: src/fixtures/alpha-dropout.json, regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { alphaDropoutAffine } from './alpha-dropout';
import { featureAlphaDropout, featureNoiseShape } from './feature-alpha-dropout';
import fixtures from './fixtures/alpha-dropout.json';
import { dropoutStats } from './testing/dropout-stats';

/** For [batch, spatial, channels] data: is every (sample, channel) all dropped or all kept? */
function masksSharedWithinChannels(y: Float32Array, shape: number[], dropped: number): boolean {
  const [batch, ...rest] = shape;
  const channels = rest[rest.length - 1]!;
  const spatial = rest.slice(0, -1).reduce((p, d) => p * d, 1);
  for (let n = 0; n < batch!; n++) {
    for (let c = 0; c < channels; c++) {
      const first = Math.abs(y[n * spatial * channels + c]! - dropped) < 1e-6;
      for (let s = 1; s < spatial; s++) {
        const isDropped = Math.abs(y[(n * spatial + s) * channels + c]! - dropped) < 1e-6;
        if (isDropped !== first) return false;
      }
    }
  }
  return true;
}

it('feature noise shape is [batch, 1…, channels], elementwise for rank ≤ 2', () => {
  expect(featureNoiseShape([8, 5, 7, 3])).toEqual([8, 1, 1, 3]);
  expect(featureNoiseShape([8, 5, 3])).toEqual([8, 1, 3]);
  expect(featureNoiseShape([8, 3])).toEqual([8, 3]);
});

describeEachBackend('featureAlphaDropout', () => {
  for (const r of fixtures.rates) {
    const fp = r.fixedPoint;
    it(`keeps mean ${fp.mean} and variance ${fp.variance} on 1e6 samples, masks shared within channels, rate ${r.rate}`, () => {
      // 50 000 samples × 2 positions × 10 channels: 5e5 independent masks
      const shape = [50_000, 2, 10];
      const input = tf.randomNormal(shape, fp.mean, Math.sqrt(fp.variance), 'float32', 21);
      const before = tf.memory().numTensors;
      const y = featureAlphaDropout(input, r.rate, { seed: 22, fixedPoint: fp });
      expect(tf.memory().numTensors).toBe(before + 1);
      const yv = y.dataSync() as Float32Array;
      const s = dropoutStats(input.dataSync(), yv, r.a, r.b, r.droppedValue);
      // the shared masks double the mean's variance: standard error ≈ 0.0015 (0.002 for ν = 2)
      expect(Math.abs(s.mean - fp.mean)).toBeLessThan(0.005);
      expect(Math.abs(s.variance / fp.variance - 1)).toBeLessThan(0.01);
      expect(Math.abs(s.droppedFraction - r.rate)).toBeLessThan(0.005);
      expect(s.wrongDropped).toBe(0);
      expect(masksSharedWithinChannels(yv, shape, Math.fround(r.droppedValue))).toBe(true);
      tf.dispose([input, y]);
    });
  }

  it('drops whole feature maps of a [batch, height, width, channels] input', () => {
    const shape = [6, 4, 5, 8];
    const input = tf.randomNormal(shape, 0, 1, 'float32', 5);
    const y = featureAlphaDropout(input, 0.4, { seed: 6 });
    const dropped = Math.fround(alphaDropoutAffine(0.4).droppedValue);
    const yv = y.dataSync() as Float32Array;
    expect(masksSharedWithinChannels(yv, shape, dropped)).toBe(true);
    const droppedCount = yv.filter((v) => Math.abs(v - dropped) < 1e-6).length;
    expect(droppedCount % 20).toBe(0); // whole 4×5 maps
    expect(droppedCount).toBeGreaterThan(0);
    tf.dispose([input, y]);
  });

  it('rejects a rate outside [0, 1) with an SnnError', () => {
    const input = tf.zeros([2, 3, 4]);
    expect(() => featureAlphaDropout(input, 1)).toThrow(SnnError);
    expect(() => featureAlphaDropout(input, -0.5)).toThrow(/featureAlphaDropout: `rate`/);
    input.dispose();
  });
});
