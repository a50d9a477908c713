import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { describeEachBackend } from '../../../../test/backends';
import '../register';
import { alphaDropoutAffine } from '../alpha-dropout';
import { SELU_ALPHA, SELU_LAMBDA } from '../constants';
import { selu } from '../selu';
import { seluParameters } from '../selu-parameters';
import { AlphaDropoutLayer, alphaDropoutLayer } from './alpha-dropout-layer';
import { FeatureAlphaDropoutLayer, featureAlphaDropoutLayer } from './feature-alpha-dropout-layer';
import { SeluLayer, seluLayer } from './selu-layer';

type LayerClass = typeof SeluLayer | typeof AlphaDropoutLayer | typeof FeatureAlphaDropoutLayer;

/** getConfig → the registered class's fromConfig → getConfig must be the identity. */
function roundTrip(layer: tfl.layers.Layer, cls: LayerClass): tfl.layers.Layer {
  const config = layer.getConfig();
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[cls.className];
  expect(entry?.[0]).toBe(cls);
  const [registered, fromConfig] = entry!;
  const copy = fromConfig(registered, JSON.parse(JSON.stringify(config))) as tfl.layers.Layer;
  expect(copy).toBeInstanceOf(cls);
  expect(copy.getConfig()).toEqual(config);
  return copy;
}

it('registers under the Snn names and leaves tfjs’s AlphaDropout alone', () => {
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  expect(map.SnnSelu?.[0]).toBe(SeluLayer);
  expect(map.SnnAlphaDropout?.[0]).toBe(AlphaDropoutLayer);
  expect(map.SnnFeatureAlphaDropout?.[0]).toBe(FeatureAlphaDropoutLayer);
  expect(map.AlphaDropout?.[0]).toBe(tfl.layers.alphaDropout({ rate: 0.1 }).constructor);
});

it('round-trips every argument through getConfig/fromConfig', () => {
  roundTrip(seluLayer(), SeluLayer);
  roundTrip(seluLayer({ alpha: 1.5, lambda: 1.2, name: 'custom_selu' }), SeluLayer);
  const fixed = roundTrip(
    seluLayer({ fixedPoint: { mean: -0.1, variance: 2 } }),
    SeluLayer,
  ) as SeluLayer;
  expect(fixed.alpha).toBeCloseTo(1.9769021954242, 12);
  expect(fixed.fixedPoint).toEqual({ mean: -0.1, variance: 2 });

  const drop = roundTrip(
    alphaDropoutLayer({
      rate: 0.1,
      noiseShape: [null, 1, 7],
      seed: 3,
      fixedPoint: { mean: -0.1, variance: 2 },
    }),
    AlphaDropoutLayer,
  ) as AlphaDropoutLayer;
  expect(drop.getConfig()).toMatchObject({
    rate: 0.1,
    noiseShape: [null, 1, 7],
    seed: 3,
    fixedPoint: { mean: -0.1, variance: 2 },
  });
  expect(drop.lambda).toBeCloseTo(1.073851239616, 11);
  roundTrip(alphaDropoutLayer({ rate: 0.05 }), AlphaDropoutLayer);
  roundTrip(alphaDropoutLayer({ rate: 0.2, alpha: 2, lambda: 1.1 }), AlphaDropoutLayer);

  const feature = roundTrip(
    featureAlphaDropoutLayer({ rate: 0.1, seed: 9 }),
    FeatureAlphaDropoutLayer,
  );
  expect(feature.getConfig()).toMatchObject({
    rate: 0.1,
    seed: 9,
    alpha: SELU_ALPHA,
    lambda: SELU_LAMBDA,
  });
});

it('validates arguments with SnnErrors naming them', () => {
  expect(() => alphaDropoutLayer({ rate: 1 })).toThrow(SnnError);
  expect(() => alphaDropoutLayer({ rate: -0.2 })).toThrow(
    'alphaDropoutLayer: `rate` must be in [0, 1)',
  );
  expect(() => featureAlphaDropoutLayer({ rate: 1.5 })).toThrow(/featureAlphaDropoutLayer: `rate`/);
  expect(() => seluLayer({ alpha: -1 })).toThrow(/seluLayer: `alpha`/);
  expect(() => alphaDropoutLayer({ rate: 0.1, seed: Number.NaN })).toThrow(/`seed`/);
  expect(() => alphaDropoutLayer({ rate: 0.1, noiseShape: [null, 0] })).toThrow(/`noiseShape`/);
});

describeEachBackend('layers', () => {
  it('seluLayer applies selu with its α, λ and leaks nothing', () => {
    const x = tf.randomNormal([5, 7], 0, 1, 'float32', 1);
    const params = seluParameters({ mean: -0.1, variance: 2 });
    for (const layer of [seluLayer(), seluLayer({ fixedPoint: { mean: -0.1, variance: 2 } })]) {
      const before = tf.memory().numTensors;
      const y = layer.apply(x) as tf.Tensor;
      expect(tf.memory().numTensors).toBe(before + 1);
      const want = selu(x, layer.alpha === SELU_ALPHA ? undefined : params);
      expect(Array.from(y.dataSync())).toEqual(Array.from(want.dataSync()));
      expect(layer.computeOutputShape([null, 7])).toEqual([null, 7]);
      tf.dispose([y, want]);
      expect(tf.memory().numTensors).toBe(before);
    }
    x.dispose();
  });

  for (const make of [
    () => alphaDropoutLayer({ rate: 0.2, seed: 1 }),
    () => featureAlphaDropoutLayer({ rate: 0.2, seed: 1 }),
  ]) {
    const name = make().getClassName();
    it(`${name}: exact identity at inference, dropout in training, no leaks`, () => {
      const layer = make();
      const x = tf.randomNormal([16, 3, 4, 8], 0, 1, 'float32', 2);
      const dropped = Math.fround(alphaDropoutAffine(0.2).droppedValue);
      const before = tf.memory().numTensors;

      for (const kwargs of [{}, { training: false }]) {
        const y = layer.apply(x, kwargs) as tf.Tensor;
        expect(tf.memory().numTensors).toBe(before + 1);
        expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
        y.dispose();
      }

      const y1 = layer.apply(x, { training: true }) as tf.Tensor;
      const y2 = layer.apply(x, { training: true }) as tf.Tensor;
      expect(tf.memory().numTensors).toBe(before + 2);
      const v1 = y1.dataSync();
      const droppedFraction = v1.filter((v) => v === dropped).length / v1.length;
      expect(droppedFraction).toBeGreaterThan(0.1);
      expect(droppedFraction).toBeLessThan(0.3);
      // a fresh mask per call, and a seeded layer replays the same sequence
      expect(Array.from(y2.dataSync())).not.toEqual(Array.from(v1));
      const replay = make();
      const z1 = replay.apply(x, { training: true }) as tf.Tensor;
      expect(Array.from(z1.dataSync())).toEqual(Array.from(v1));
      tf.dispose([y1, y2, z1]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    });
  }

  it('featureAlphaDropoutLayer shares a mask over the spatial positions of each channel', () => {
    const layer = featureAlphaDropoutLayer({ rate: 0.5, seed: 4 });
    const x = tf.randomNormal([10, 6, 6, 4], 0, 1, 'float32', 3);
    const y = layer.apply(x, { training: true }) as tf.Tensor4D;
    const dropped = Math.fround(alphaDropoutAffine(0.5).droppedValue);
    const v = y.arraySync();
    for (const sample of v) {
      for (let c = 0; c < 4; c++) {
        const states = new Set(sample.flatMap((row) => row.map((px) => px[c] === dropped)));
        expect(states.size).toBe(1);
      }
    }
    tf.dispose([x, y]);
  });
});
