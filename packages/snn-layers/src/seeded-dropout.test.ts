import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { SeededDropout, seededDropout } from './seeded-dropout';
import './register';

async function trainingOutput(layer: SeededDropout, x: tf.Tensor): Promise<Float32Array> {
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  y.dispose();
  return values;
}

describeEachBackend('seededDropout', () => {
  it('keeps each unit with probability 1 − p and scales it by 1/(1 − p)', async () => {
    const n = 100_000;
    const rate = 0.3;
    const x = tf.fill([n], 2);
    const values = await trainingOutput(seededDropout({ rate, seed: 5 }), x);
    x.dispose();
    let dropped = 0;
    for (const v of values) {
      if (v === 0) dropped++;
      else expect(v).toBeCloseTo(2 / (1 - rate), 5);
    }
    // Binomial share: standard error √(p(1 − p)/n) ≈ 0.0014; allow 5 of them.
    expect(Math.abs(dropped / n - rate)).toBeLessThan(5 * Math.sqrt((rate * (1 - rate)) / n));
  });

  it('draws a new mask per call, and the same sequence for the same seed', async () => {
    const x = tf.ones([4_000]);
    const a = seededDropout({ rate: 0.5, seed: 11 });
    const b = seededDropout({ rate: 0.5, seed: 11 });
    const c = seededDropout({ rate: 0.5, seed: 12 });
    const a1 = await trainingOutput(a, x);
    const a2 = await trainingOutput(a, x);
    const b1 = await trainingOutput(b, x);
    const b2 = await trainingOutput(b, x);
    const c1 = await trainingOutput(c, x);
    x.dispose();
    expect(Array.from(a1)).not.toEqual(Array.from(a2));
    expect(Array.from(b1)).toEqual(Array.from(a1));
    expect(Array.from(b2)).toEqual(Array.from(a2));
    expect(Array.from(c1)).not.toEqual(Array.from(a1));
  });

  it('is the identity at inference and at rate 0, and leaks no tensors', async () => {
    const x = tf.tensor2d([
      [1, -2, 3],
      [4, 5, -6],
    ]);
    const before = tf.memory().numTensors;
    for (const [layer, kwargs] of [
      [seededDropout({ rate: 0.5, seed: 1 }), {}],
      [seededDropout({ rate: 0, seed: 1 }), { training: true }],
    ] as const) {
      const y = layer.apply(x, kwargs) as tf.Tensor;
      expect(await y.array()).toEqual(await x.array());
      y.dispose();
    }
    const layer = seededDropout({ rate: 0.5, seed: 1 });
    for (let i = 0; i < 3; i++) tf.dispose(layer.apply(x, { training: true }) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('seededDropout arguments and serialization', () => {
  it.each([1, -0.1, Number.NaN, '0.5'])('rejects rate %s with an SnnError naming it', (rate) => {
    expect(() => seededDropout({ rate: rate as number })).toThrow(SnnError);
    expect(() => seededDropout({ rate: rate as number })).toThrow(
      /`rate` must be a number in \[0, 1\)/,
    );
  });

  it('rejects a non-finite seed', () => {
    expect(() => seededDropout({ rate: 0.1, seed: Number.POSITIVE_INFINITY })).toThrow(
      /`seed` must be a finite number or null, got Infinity/,
    );
  });

  it('round-trips through model JSON as SnnSeededDropout with rate and seed', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 3, inputShape: [2] }),
        seededDropout({ rate: 0.25, seed: 9, name: 'drop' }),
      ],
    });
    const json = model.toJSON(null, false) as unknown as {
      config: { layers: Array<{ class_name: string; config: Record<string, unknown> }> };
    };
    const saved = json.config.layers.find((l) => l.class_name === 'SnnSeededDropout');
    expect(saved?.config).toMatchObject({ rate: 0.25, seed: 9, name: 'drop' });
    const restored = await tfl.models.modelFromJSON({ modelTopology: json } as never);
    const layer = restored.getLayer('drop') as SeededDropout;
    expect(layer).toBeInstanceOf(SeededDropout);
    expect([layer.rate, layer.seed]).toEqual([0.25, 9]);
    model.dispose();
    restored.dispose();
  });
});
