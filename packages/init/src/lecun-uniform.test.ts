import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { LecunUniform, lecunUniform } from './lecun-uniform';
import { sampleStats } from './test-stats';

const FAN_IN = 784;
const UNITS = 784;
const N = FAN_IN * UNITS;
// U(−a, a) has kurtosis 9/5, so the sample variance has relative standard error √(0.8/N).
const VAR_TOLERANCE = 5 * Math.sqrt(0.8 / N);

describeEachBackend('lecunUniform', () => {
  it('draws from U(−√(3/fanIn), √(3/fanIn)) with variance 1/fanIn (784×784)', () => {
    const before = tf.memory().numTensors;
    const w = lecunUniform({ seed: 31 }).apply([FAN_IN, UNITS]);
    expect(tf.memory().numTensors).toBe(before + 1);
    const s = sampleStats(w.dataSync());
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const limit = Math.sqrt(3 / FAN_IN);
    expect(s.maxAbs).toBeLessThanOrEqual(Math.fround(limit));
    expect(s.maxAbs).toBeGreaterThan(0.999 * limit);
    expect(Math.abs(s.variance * FAN_IN - 1)).toBeLessThan(VAR_TOLERANCE);
    expect(Math.abs(s.mean)).toBeLessThan(5 * Math.sqrt(1 / FAN_IN / N));
  });
});

describe('fan-in exactly as tfjs-layers computes it', () => {
  // tfjs's leCunUniform is correct (uniform, no truncation) and uses tfjs-layers' computeFans;
  // with the same seed ours must give the same tensor for every rank tfjs distinguishes.
  const shapes = [[16], [784, 300], [5, 8, 4], [3, 3, 16, 32], [2, 3, 4, 5, 6], [2, 2, 2, 2, 2, 3]];
  for (const shape of shapes) {
    it(`shape ${JSON.stringify(shape)}`, () => {
      const ours = lecunUniform({ seed: 77 }).apply(shape);
      const theirs = tfl.initializers.leCunUniform({ seed: 77 }).apply(shape);
      expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
      tf.dispose([ours, theirs]);
    });
  }
});

describe('lecunUniform config', () => {
  it('round-trips its config', () => {
    const init = lecunUniform({ seed: 8 });
    expect(init.getConfig()).toEqual({ seed: 8 });
    expect(init.getClassName()).toBe('SnnLecunUniform');
    expect(LecunUniform.fromConfig(LecunUniform, init.getConfig()).getConfig()).toEqual({
      seed: 8,
    });
    expect(lecunUniform().getConfig()).toEqual({ seed: null });
  });
});
