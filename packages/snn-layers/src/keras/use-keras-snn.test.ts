// Fixtures written by /usr/bin/python3 packages/snn-layers/scripts/make-keras-fixtures.py in the
// formats Keras 2.15 (`model.to_json()` inside a tfjs-converter model.json) and Keras 3
// (`config.json` of a .keras file) write; the script names the Keras source each field comes from.
import { AlphaDropoutLayer, alphaDropoutAffine } from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import keras2ModelJson from '../fixtures/keras2-snn-model.json';
import keras3Functional from '../fixtures/keras3-functional-snn-config.json';
import keras3Config from '../fixtures/keras3-snn-config.json';
import { toKerasJson, useKerasSnn } from '../index';

/** What `tf.models.modelFromJSON` accepts (tfjs-layers does not export the name). */
type PyJsonDict = Parameters<typeof tfl.models.modelFromJSON>[0];

const keras2Topology = keras2ModelJson.modelTopology as unknown as PyJsonDict;
const keras3Topology = keras3Config as unknown as PyJsonDict;
const keras3FunctionalTopology = keras3Functional as unknown as PyJsonDict;
const map = () => tf.serialization.SerializationMap.getMap().classNameMap;
const builtIns = () => ({
  AlphaDropout: map().AlphaDropout?.[0],
  Sequential: map().Sequential?.[0],
  Functional: map().Functional?.[0],
  LecunNormal: map().LecunNormal?.[0],
  LecunUniform: map().LecunUniform?.[0],
  lecunNormal: map().lecunNormal?.[0],
  VarianceScaling: map().VarianceScaling?.[0],
  HeNormal: map().HeNormal?.[0],
  HeUniform: map().HeUniform?.[0],
  GlorotNormal: map().GlorotNormal?.[0],
  GlorotUniform: map().GlorotUniform?.[0],
});
const original = builtIns();
let restoreAfter: (() => void) | undefined;
afterEach(() => restoreAfter?.());

/** A fresh copy: tfjs' Sequential.fromConfig deletes `layers` from the config it reads. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

it('importing the package changes no registration; the Keras SNN does not load without the call', async () => {
  expect(original.Sequential).toBe(tfl.Sequential);
  expect(original.LecunNormal).toBeUndefined();
  // tfjs's own initializer classes (which it serializes under the name VarianceScaling)
  expect(original.VarianceScaling).toBe(tfl.initializers.varianceScaling({}).constructor);
  expect(original.HeNormal).toBe(tfl.initializers.heNormal({}).constructor);
  expect(original.HeUniform).toBe(tfl.initializers.heUniform({}).constructor);
  expect(original.GlorotNormal).toBe(tfl.initializers.glorotNormal({}).constructor);
  expect(original.GlorotUniform).toBe(tfl.initializers.glorotUniform({}).constructor);
  expect(original.AlphaDropout).toBe(tfl.layers.alphaDropout({ rate: 0.1 }).constructor);
  await expect(tfl.models.modelFromJSON(copy(keras2Topology))).rejects.toThrow(
    /Unknown initializer: LecunNormal/,
  );
});

it('is idempotent, and restore() brings tfjs’s own classes back', () => {
  const restore = useKerasSnn();
  const second = useKerasSnn();
  expect(map().Sequential?.[0]).not.toBe(tfl.Sequential);
  expect(map().LecunNormal?.[0]).toBeDefined();
  for (const name of [
    'VarianceScaling',
    'HeNormal',
    'HeUniform',
    'GlorotNormal',
    'GlorotUniform',
  ]) {
    expect(map()[name]?.[0]).not.toBe(original[name as keyof typeof original]);
  }
  second();
  expect(map().LecunNormal?.[0]).toBeDefined(); // the no-op of the second call undid nothing
  restore();
  expect(builtIns()).toEqual(original);
  restore(); // a second restore changes nothing
  expect(builtIns()).toEqual(original);
});

/** Var(w)·fanIn and the mean of a kernel, in double precision. */
function kernelMoments(kernel: tf.Tensor): { varianceTimesFanIn: number; mean: number } {
  const values = kernel.dataSync();
  const fanIn = kernel.shape[0]!;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { varianceTimesFanIn: (squares / values.length) * fanIn, mean };
}

describeEachBackend(
  'useKerasSnn',
  () => {
    for (const [format, topology, modelClass] of [
      ['Keras 2.15 (tfjs converter)', keras2Topology, tfl.Sequential],
      ['Keras 3 config.json', keras3Topology, tfl.Sequential],
      ['Keras 3 functional config.json', keras3FunctionalTopology, tfl.LayersModel],
    ] as const) {
      it(`loads the ${format} SNN: alpha dropout keeps (0, 1), LeCun kernels have Var·fanIn ≈ 1`, async () => {
        restoreAfter = useKerasSnn();
        const model = await tfl.models.modelFromJSON(copy(topology));
        restoreAfter();
        expect(model).toBeInstanceOf(modelClass);
        expect(model.layers.map((l) => l.getClassName())).toEqual([
          'InputLayer',
          'Dense',
          'AlphaDropout',
          'Dense',
          'Dense',
        ]);
        expect(model.inputs[0]!.shape).toEqual([null, 128]);

        // LeCun normal (dense, dense_2) and LeCun uniform (dense_1): Var(w) = 1/fanIn. With
        // n ≥ 2560 weights the sampling error of Var·fanIn is ≤ √(2/n) ≈ 0.03 (1σ) for dense_2
        // and ≈ 0.006 for the 256 × 256 kernel; the normal ones are cut at ±2σ′ as in Keras.
        for (const [name, limit] of [
          ['dense', 2 / 0.87962566103423978 / Math.sqrt(128)],
          ['dense_1', Math.sqrt(3 / 256)],
        ] as const) {
          const kernel = model.getLayer(name).getWeights()[0]!;
          const m = kernelMoments(kernel);
          expect(Math.abs(m.varianceTimesFanIn - 1)).toBeLessThan(0.03);
          expect(Math.abs(m.mean)).toBeLessThan(4 / Math.sqrt(kernel.size * kernel.shape[0]!));
          expect(tf.max(tf.abs(kernel)).dataSync()[0]).toBeLessThanOrEqual(limit * (1 + 1e-6));
        }
        const last = model.getLayer('dense_2').getWeights()[0]!;
        expect(Math.abs(kernelMoments(last).varianceTimesFanIn - 1)).toBeLessThan(0.1);

        // AlphaDropout is ours: SELU activations at (0, 1) keep mean 0 and variance 1 in training
        const dropout = model.getLayer('alpha_dropout');
        expect(dropout).toBeInstanceOf(AlphaDropoutLayer);
        const x = tf.selu(tf.randomNormal([4000, 256], 0, 1, 'float32', 5));
        const before = tf.memory().numTensors;
        const y = dropout.apply(x, { training: true }) as tf.Tensor;
        expect(tf.memory().numTensors).toBe(before + 1);
        const { mean, variance } = tf.moments(y);
        // 1,024,000 values: the standard error of the mean is 1e-3, of the variance ≈ 1.6e-3.
        expect(Math.abs(mean.dataSync()[0]!)).toBeLessThan(0.006);
        expect(Math.abs(variance.dataSync()[0]! - 1)).toBeLessThan(0.012);
        const { droppedValue } = alphaDropoutAffine(0.1);
        const dropped = tf.sum(tf.cast(tf.less(tf.abs(tf.sub(y, droppedValue)), 1e-5), 'float32'));
        expect(Math.abs(dropped.dataSync()[0]! / y.size - 0.1)).toBeLessThan(0.003);
        tf.dispose([x, y, mean, variance, dropped]);
        model.dispose();
      });
    }

    it('reads the string identifiers "lecun_normal" and "lecun_uniform"', async () => {
      const topology = copy(keras2Topology) as {
        model_config: { config: { layers: { config: Record<string, unknown> }[] } };
      };
      const layers = topology.model_config.config.layers;
      layers[1]!.config.kernel_initializer = 'lecun_normal';
      layers[3]!.config.kernel_initializer = 'lecun_uniform';
      restoreAfter = useKerasSnn();
      const model = await tfl.models.modelFromJSON(topology as unknown as PyJsonDict);
      restoreAfter();
      for (const name of ['dense', 'dense_1']) {
        const m = kernelMoments(model.getLayer(name).getWeights()[0]!);
        expect(Math.abs(m.varianceTimesFanIn - 1)).toBeLessThan(0.03);
      }
      // written back under Keras' class names
      const saved = toKerasJson(model).config.layers as {
        config: Record<string, { class_name?: string }>;
      }[];
      expect(saved[1]!.config.kernel_initializer!.class_name).toBe('LecunNormal');
      expect(saved[3]!.config.kernel_initializer!.class_name).toBe('LecunUniform');
      model.dispose();
    });
  },
  ['cpu', 'wasm'],
);
