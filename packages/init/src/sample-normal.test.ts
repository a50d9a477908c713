import { describe, expect, it } from 'vitest';
// Regenerate with: /usr/bin/python3 packages/init/scripts/make-fixtures.py
import fixture from './fixtures/truncnorm.json';
import { TRUNCATED_NORMAL_STD } from './sample-normal';

describe('TRUNCATED_NORMAL_STD', () => {
  it('is the standard deviation (not the variance) of N(0, 1) truncated to [-2, 2] (scipy)', () => {
    expect(fixture.truncnorm.a).toBe(-2);
    expect(fixture.truncnorm.b).toBe(2);
    expect(Math.abs(TRUNCATED_NORMAL_STD - fixture.truncnorm.std)).toBeLessThan(1e-15);
    expect(Math.abs(TRUNCATED_NORMAL_STD ** 2 - fixture.truncnorm.variance)).toBeLessThan(1e-15);
  });

  it('matches the closed form √(1 − 4φ(2)/(2Φ(2) − 1))', () => {
    const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
    // 2Φ(2) − 1 is the probability mass inside [−2, 2]; taken from scipy's norm.cdf.
    const variance = 1 - (4 * phi2) / fixture.truncnorm.massInside;
    expect(Math.abs(Math.sqrt(variance) - TRUNCATED_NORMAL_STD)).toBeLessThan(1e-14);
  });
});
