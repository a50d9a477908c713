import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
// Regenerate with: /usr/bin/python3 packages/init/scripts/make-fixtures.py
import fixture from './fixtures/truncnorm.json';
import { HeNormal, heNormal } from './he-normal';
import type { Initializer } from './snn-initializer';
import { sampleStats } from './test-stats';

const FAN_IN = 784;
const UNITS = 512;
const N = FAN_IN * UNITS;
// Var·fanIn = 2; the sample variance of a normal has relative standard error √(2/N): allow 5.
const VAR_TOLERANCE = 5 * 2 * Math.sqrt(2 / N);
const MEAN_TOLERANCE = 5 * Math.sqrt(2 / FAN_IN / N);

function draw(init: Initializer, shape: number[]): Float32Array {
  const before = tf.memory().numTensors;
  const w = init.apply(shape);
  expect(tf.memory().numTensors).toBe(before + 1);
  const values = w.dataSync() as Float32Array;
  w.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

describeEachBackend('heNormal', () => {
  it('is untruncated N(0, 2/fanIn) by default (784×512)', () => {
    const s = sampleStats(draw(heNormal({ seed: 21 }), [FAN_IN, UNITS]));
    expect(Math.abs(s.variance * FAN_IN - 2)).toBeLessThan(VAR_TOLERANCE);
    expect(Math.abs(s.mean)).toBeLessThan(MEAN_TOLERANCE);
    // Expected ≈ 25 draws beyond 4σ when untruncated; a ±2σ cut would leave none.
    expect(s.maxAbs).toBeGreaterThan(4 * Math.sqrt(2 / FAN_IN));
  });

  it('truncated: true keeps the variance at 2/fanIn and cuts at ±2σ′', () => {
    const s = sampleStats(draw(heNormal({ seed: 22, truncated: true }), [FAN_IN, UNITS]));
    expect(Math.abs(s.variance * FAN_IN - 2)).toBeLessThan(VAR_TOLERANCE);
    expect(s.maxAbs).toBeLessThanOrEqual(
      Math.fround((2 * Math.sqrt(2 / FAN_IN)) / fixture.truncnorm.std),
    );
  });

  it("tfjs's own heNormal has variance 0.774·2/fanIn", () => {
    const s = sampleStats(draw(tfl.initializers.heNormal({ seed: 21 }), [FAN_IN, UNITS]));
    expect(Math.abs(s.variance * FAN_IN - 2 * fixture.truncnorm.variance)).toBeLessThan(
      VAR_TOLERANCE,
    );
  });
});

describe('heNormal config', () => {
  it('round-trips its config and is deterministic when seeded', () => {
    const init = heNormal({ seed: 4, truncated: true });
    expect(init.getConfig()).toEqual({ seed: 4, truncated: true });
    expect(init.getClassName()).toBe('SnnHeNormal');
    const copy = HeNormal.fromConfig(HeNormal, init.getConfig()) as HeNormal;
    const a = init.apply([30, 20]);
    const b = copy.apply([30, 20]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b]);
  });

  it('rejects a zero fan-in', () => {
    expect(() => heNormal().apply([3, 3, 0, 4])).toThrow(/heNormal: the fan-in of `shape`/);
  });
});
