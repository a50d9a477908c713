import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import { computeNormalization } from './compute-normalization';

describeEachBackend('computeNormalization', () => {
  it('keeps (0, 1) with lecunNormal, loses variance with tfjs leCunNormal, grows it with He; no leaks', async () => {
    const before = tf.memory().numTensors;
    // width 128: each Var·fan_in estimate averages 128² weights (sd ≈ √(2/16384) ≈ 0.011 relative).
    const r = await computeNormalization({ depth: 8, width: 128, samples: 256, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.config).toMatchObject({ depth: 8, width: 128, samples: 256, seed: 3 });
    const [ours, tfjs, he] = r.series;
    expect(ours!.init).toBe('lecun-normal');
    expect(ours!.weightVarianceTimesFanIn).toBeCloseTo(1, 1);
    // FINDINGS.md: tfjs's ±2σ truncation without correction gives Var·fan_in = 0.774.
    expect(Math.abs(tfjs!.weightVarianceTimesFanIn - 0.774)).toBeLessThan(0.05);
    expect(Math.abs(he!.weightVarianceTimesFanIn - 2)).toBeLessThan(0.1);
    for (const layer of ours!.layers) {
      expect(Math.abs(layer.mean)).toBeLessThan(0.1);
      expect(layer.variance).toBeGreaterThan(0.8);
      expect(layer.variance).toBeLessThan(1.2);
    }
    expect(ours!.layers).toHaveLength(9);
    // FINDINGS.md: variance 0.82 after one layer, 0.43 by layer 8 with tfjs's initializer.
    expect(tfjs!.layers[8]!.variance).toBeLessThan(0.6);
    expect(he!.layers[8]!.variance).toBeGreaterThan(3);
  });
});
