// Reference a, b: the paper's formula, cross-checked against torch.nn.functional.alpha_dropout
// (src/fixtures/alpha-dropout.json), regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { alphaDropout, alphaDropoutAffine } from './alpha-dropout';
import fixtures from './fixtures/alpha-dropout.json';
import { dropoutStats } from './testing/dropout-stats';

const N = 1_000_000;
const standard = fixtures.rates.filter((r) => r.fixedPoint.mean === 0);
const shifted = fixtures.rates.filter((r) => r.fixedPoint.mean !== 0);

describe('alphaDropoutAffine', () => {
  for (const r of fixtures.rates) {
    it(`gives the formula's a, b at rate ${r.rate}, fixed point (${r.fixedPoint.mean}, ${r.fixedPoint.variance})`, () => {
      const got = alphaDropoutAffine(r.rate, { fixedPoint: r.fixedPoint });
      expect(Math.abs(got.a - r.a)).toBeLessThan(1e-14);
      expect(Math.abs(got.b - r.b)).toBeLessThan(1e-14);
      expect(Math.abs(got.alphaPrime - r.alphaPrime)).toBeLessThan(1e-12);
      expect(Math.abs(got.droppedValue - r.droppedValue)).toBeLessThan(1e-12);
      if (r.torch) {
        expect(Math.abs(got.a - r.torch.a)).toBeLessThan(1e-14);
        expect(Math.abs(got.droppedValue - r.torch.droppedValue)).toBeLessThan(1e-14);
      }
    });
  }

  it('matches the paper’s computed values', () => {
    expect(alphaDropoutAffine(0.05).a).toBeCloseTo(0.9548445, 7);
    expect(alphaDropoutAffine(0.1).b).toBeCloseTo(0.161971, 6);
    expect(alphaDropoutAffine(0.2).b).toBeCloseTo(0.30904, 5);
  });
});

describeEachBackend('alphaDropout', () => {
  const x = () => tf.randomNormal([800, 1250], 0, 1, 'float32', 7);

  for (const r of standard) {
    it(`keeps mean 0 and variance 1 on 1e6 N(0,1) samples at rate ${r.rate}`, () => {
      const input = x();
      const before = tf.memory().numTensors;
      const y = alphaDropout(input, r.rate, { seed: 11 });
      expect(tf.memory().numTensors).toBe(before + 1);
      const s = dropoutStats(input.dataSync(), y.dataSync(), r.a, r.b, r.droppedValue);
      // n = 1e6: the standard errors of mean, variance and fraction are ≈ 0.001, 0.0015, 0.0003
      expect(Math.abs(s.mean)).toBeLessThan(0.005);
      expect(Math.abs(s.variance - 1)).toBeLessThan(0.01);
      expect(Math.abs(s.droppedFraction - r.rate)).toBeLessThan(0.005);
      expect(s.wrongDropped).toBe(0);
      expect(s.keptError).toBeLessThan(1e-6);
      tf.dispose([input, y]);
    });
  }

  for (const r of shifted) {
    it(`keeps mean −0.1 and variance 2 for the fixed point (−0.1, 2) at rate ${r.rate}`, () => {
      const input = tf.randomNormal([1250, 800], -0.1, Math.SQRT2, 'float32', 8);
      const y = alphaDropout(input, r.rate, { seed: 12, fixedPoint: { mean: -0.1, variance: 2 } });
      const s = dropoutStats(input.dataSync(), y.dataSync(), r.a, r.b, r.droppedValue);
      expect(Math.abs(s.mean + 0.1)).toBeLessThan(0.005);
      expect(Math.abs(s.variance / 2 - 1)).toBeLessThan(0.01);
      expect(Math.abs(s.droppedFraction - r.rate)).toBeLessThan(0.005);
      expect(s.wrongDropped).toBe(0);
      tf.dispose([input, y]);
    });
  }

  it('returns a copy of x at rate 0 and is deterministic for a seed', () => {
    const input = tf.randomNormal([7, 3], 0, 1, 'float32', 1);
    const same = alphaDropout(input, 0);
    expect(same).not.toBe(input);
    expect(Array.from(same.dataSync())).toEqual(Array.from(input.dataSync()));
    const y1 = alphaDropout(input, 0.3, { seed: 5 });
    const y2 = alphaDropout(input, 0.3, { seed: 5 });
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y2.dataSync()));
    tf.dispose([input, same, y1, y2]);
  });

  it('shares the mask along axes where noiseShape is 1', () => {
    const input = tf.randomNormal([64, 9], 0, 1, 'float32', 2);
    const y = alphaDropout(input, 0.5, { seed: 3, noiseShape: [64, 1] });
    const dropped = alphaDropoutAffine(0.5).droppedValue;
    const v = y.arraySync() as number[][];
    let rowsDropped = 0;
    for (const row of v) {
      const d = row.map((u) => Math.abs(u - dropped) < 1e-6);
      expect(new Set(d).size).toBe(1);
      if (d[0]) rowsDropped++;
    }
    expect(rowsDropped).toBeGreaterThan(10);
    expect(rowsDropped).toBeLessThan(54);
    tf.dispose([input, y]);
  });

  it('passes gradient a on kept units and 0 on dropped units', () => {
    const input = tf.randomNormal([50, 40], 0, 1, 'float32', 4);
    const { a, droppedValue } = alphaDropoutAffine(0.2);
    const y = alphaDropout(input, 0.2, { seed: 9 });
    const g = tf.grad((t: tf.Tensor) => alphaDropout(t, 0.2, { seed: 9 }))(input);
    const yv = y.dataSync();
    const gv = g.dataSync();
    for (let i = 0; i < yv.length; i++) {
      const isDropped = Math.abs(yv[i]! - droppedValue) < 1e-6;
      expect(gv[i]).toBeCloseTo(isDropped ? 0 : a, 6);
    }
    tf.dispose([input, y, g]);
  });

  it('rejects a rate outside [0, 1) and bad options with an SnnError naming them', () => {
    const input = tf.zeros([2, 2]);
    const before = tf.memory().numTensors;
    for (const rate of [-0.1, 1, 1.2, Number.NaN]) {
      expect(() => alphaDropout(input, rate)).toThrow(SnnError);
    }
    expect(() => alphaDropout(input, 1.2)).toThrow(
      'alphaDropout: `rate` must be in [0, 1), got 1.2',
    );
    expect(() => alphaDropout(input, 0.1, { noiseShape: [2, 3] })).toThrow(/`noiseShape`/);
    expect(() => alphaDropout(input, 0.1, { seed: Number.NaN })).toThrow(/`seed`/);
    expect(() => alphaDropout(input, 0.1, { fixedPoint: { variance: 0 } })).toThrow(
      /`fixedPoint.variance`/,
    );
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
