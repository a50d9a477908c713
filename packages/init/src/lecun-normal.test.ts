import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
// Regenerate with: /usr/bin/python3 packages/init/scripts/make-fixtures.py
import fixture from './fixtures/truncnorm.json';
import { LecunNormal, lecunNormal } from './lecun-normal';
import type { Initializer } from './snn-initializer';
import { sampleStats } from './test-stats';

const FAN_IN = 784;
const N = FAN_IN * 784;
// Sample mean of N draws with variance 1/FAN_IN: standard error √(1/FAN_IN / N); allow 5 of them.
const MEAN_TOLERANCE = 5 * Math.sqrt(1 / FAN_IN / N);

function draw(init: Initializer, shape: number[]): Float32Array {
  const before = tf.memory().numTensors;
  const w = init.apply(shape, 'float32');
  // The caller owns exactly the one returned tensor; nothing else stays behind.
  expect(tf.memory().numTensors).toBe(before + 1);
  expect(w.shape).toEqual(shape);
  expect(w.dtype).toBe('float32');
  const values = w.dataSync() as Float32Array;
  w.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

describeEachBackend('lecunNormal', () => {
  it('exact variant on 784×784: Var·fanIn within 0.02 of 1, mean within 5 standard errors of 0', () => {
    const s = sampleStats(draw(lecunNormal({ seed: 11 }), [FAN_IN, 784]));
    expect(Math.abs(s.variance * FAN_IN - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan(MEAN_TOLERANCE);
    // Untruncated: with 614,656 draws some exceed 4σ (expected count ≈ 39).
    expect(s.maxAbs).toBeGreaterThan(4 / Math.sqrt(FAN_IN));
  });

  it('truncated variant on 784×784: Var·fanIn within 0.02 of 1, nothing beyond 2σ′', () => {
    const s = sampleStats(draw(lecunNormal({ seed: 12, truncated: true }), [FAN_IN, 784]));
    expect(Math.abs(s.variance * FAN_IN - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.mean)).toBeLessThan(MEAN_TOLERANCE);
    // σ′ = σ / std(N(0,1) truncated to ±2), the std taken from scipy.
    const bound = (2 * Math.sqrt(1 / FAN_IN)) / fixture.truncnorm.std;
    expect(s.maxAbs).toBeLessThanOrEqual(Math.fround(bound));
    // The cut is really at 2σ′: samples come within 1% of it.
    expect(s.maxAbs).toBeGreaterThan(0.99 * bound);
  });

  it('non-square and convolution kernels use the tfjs-layers fan-in', () => {
    const dense = sampleStats(draw(lecunNormal({ seed: 13 }), [300, 500]));
    expect(Math.abs(dense.variance * 300 - 1)).toBeLessThan(5 * Math.sqrt(2 / dense.n));
    const conv = sampleStats(draw(lecunNormal({ seed: 14, truncated: true }), [3, 3, 64, 128]));
    const fanIn = 3 * 3 * 64;
    expect(Math.abs(conv.variance * fanIn - 1)).toBeLessThan(5 * Math.sqrt(2 / conv.n));
  });

  it('as kernelInitializer of tf.layers.dense and tf.layers.conv2d', () => {
    const dense = tfl.layers.dense({ units: 400, kernelInitializer: lecunNormal({ seed: 15 }) });
    tf.tidy(() => dense.apply(tf.zeros([2, 600])) as tf.Tensor);
    const kd = sampleStats(dense.getWeights()[0]!.dataSync());
    expect(Math.abs(kd.variance * 600 - 1)).toBeLessThan(5 * Math.sqrt(2 / kd.n));
    const conv = tfl.layers.conv2d({
      filters: 64,
      kernelSize: [5, 3],
      kernelInitializer: lecunNormal({ seed: 16 }),
    });
    tf.tidy(() => conv.apply(tf.zeros([1, 8, 8, 32])) as tf.Tensor);
    const kc = sampleStats(conv.getWeights()[0]!.dataSync());
    expect(Math.abs(kc.variance * (5 * 3 * 32) - 1)).toBeLessThan(5 * Math.sqrt(2 / kc.n));
    dense.dispose();
    conv.dispose();
  });

  it("tfjs's own leCunNormal is a truncated normal without correction: Var·fanIn ≈ 0.774", () => {
    const s = sampleStats(draw(tfl.initializers.leCunNormal({ seed: 11 }), [FAN_IN, 784]));
    expect(Math.abs(s.variance * FAN_IN - fixture.truncnorm.variance)).toBeLessThan(0.02);
  });
});

describe('lecunNormal seeding', () => {
  it('same seed, same tensor; another seed or no seed, another tensor', () => {
    const a = lecunNormal({ seed: 5 }).apply([40, 30]);
    const b = lecunNormal({ seed: 5 }).apply([40, 30]);
    const c = lecunNormal({ seed: 6 }).apply([40, 30]);
    const d = lecunNormal().apply([40, 30]);
    const e = lecunNormal().apply([40, 30]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(Array.from(c.dataSync())).not.toEqual(Array.from(a.dataSync()));
    expect(Array.from(e.dataSync())).not.toEqual(Array.from(d.dataSync()));
    tf.dispose([a, b, c, d, e]);
  });

  it('seed 0 is a seed too (tfjs treats a numeric 0 as "unseeded")', () => {
    const a = lecunNormal({ seed: 0, truncated: true }).apply([20, 10]);
    const b = lecunNormal({ seed: 0, truncated: true }).apply([20, 10]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b]);
  });
});

describe('lecunNormal config and errors', () => {
  it('getConfig returns every argument and fromConfig round-trips it', () => {
    expect(lecunNormal().getConfig()).toEqual({ seed: null, truncated: false });
    const init = lecunNormal({ seed: 3, truncated: true });
    expect(init.getConfig()).toEqual({ seed: 3, truncated: true });
    expect(init.getClassName()).toBe('SnnLecunNormal');
    // tfjs-layers adds `customObjects` to the config it hands to fromConfig.
    const copy = LecunNormal.fromConfig(LecunNormal, { ...init.getConfig(), customObjects: {} });
    expect(copy).toBeInstanceOf(LecunNormal);
    expect(copy.getConfig()).toEqual(init.getConfig());
  });

  it('rejects bad arguments with SnnError naming the argument', () => {
    expect(() => lecunNormal({ seed: Number.NaN })).toThrow(SnnError);
    expect(() => lecunNormal({ seed: Number.NaN })).toThrow(
      /lecunNormal: `seed` must be a finite number/,
    );
    expect(() => lecunNormal({ truncated: 'yes' as unknown as boolean })).toThrow(
      /lecunNormal: `truncated` must be a boolean, got "yes"/,
    );
    expect(() => lecunNormal(3 as never)).toThrow(
      /lecunNormal: the argument must be an options object/,
    );
    const init = lecunNormal({ seed: 1 });
    const before = tf.memory().numTensors;
    expect(() => init.apply([])).toThrow(/lecunNormal: `shape` must have at least 1 dimension/);
    expect(() => init.apply([0, 16])).toThrow(
      /lecunNormal: the fan-in of `shape` must be at least 1/,
    );
    expect(() => init.apply([16, 8], 'int32')).toThrow(/lecunNormal: `dtype` must be 'float32'/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
