// Round trips through the Keras 2.15 fixture written by
// /usr/bin/python3 packages/snn-layers/scripts/make-keras-fixtures.py (see its header for the
// Keras source of each field).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import keras2ModelJson from '../fixtures/keras2-snn-model.json';
import { buildFnn, layerNorm, toKerasJson, useKerasSnn } from '../index';

type PyJsonDict = Parameters<typeof tfl.models.modelFromJSON>[0];
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
let restore: (() => void) | undefined;
afterEach(() => restore?.());

describeEachBackend(
  'toKerasJson',
  () => {
    it('writes the Keras 2.15 fixture back exactly as Keras wrote it', async () => {
      restore = useKerasSnn();
      const model = await tfl.models.modelFromJSON(
        copy(keras2ModelJson.modelTopology) as unknown as PyJsonDict,
      );
      restore();
      const { model_config, keras_version, backend } = keras2ModelJson.modelTopology;
      expect(toKerasJson(model)).toEqual({ ...model_config, keras_version, backend });
      model.dispose();
    });

    it('exports a buildFnn SNN in Keras names, and it loads back with the same outputs', async () => {
      const model = buildFnn({
        architecture: 'snn',
        inputDim: 12,
        outputDim: 3,
        depth: 3,
        width: 20,
        dropoutRate: 0.05,
        seed: 7,
      });
      const json = toKerasJson(model);
      const layers = json.config.layers as {
        class_name: string;
        config: Record<string, unknown>;
      }[];
      expect(layers.map((l) => l.class_name)).toEqual([
        'InputLayer',
        ...Array.from({ length: 3 }, () => ['Dense', 'Activation', 'AlphaDropout']).flat(),
        'Dense',
      ]);
      expect(JSON.stringify(json)).not.toMatch(/Snn/);
      for (const layer of layers.filter((l) => l.class_name === 'Dense')) {
        expect(layer.config.kernel_initializer).toEqual({
          module: 'keras.initializers',
          class_name: 'VarianceScaling', // buildFnn's exact LeCun normal: Keras has no class for it
          config: {
            scale: 1,
            mode: 'fan_in',
            distribution: 'untruncated_normal',
            seed: expect.any(Number),
          },
          registered_name: null,
        });
      }
      expect(layers[2]!.config).toEqual({
        name: 'hidden_1',
        trainable: true,
        dtype: 'float32',
        activation: 'selu',
      });
      expect(layers[3]!.config).toEqual({
        name: 'hidden_1_dropout',
        trainable: true,
        dtype: 'float32',
        rate: 0.05,
        seed: expect.any(Number),
      });

      restore = useKerasSnn();
      const loaded = await tfl.models.modelFromJSON(copy(json) as unknown as PyJsonDict);
      restore();
      loaded.setWeights(model.getWeights());
      const x = tf.randomNormal([16, 12], 0, 1, 'float32', 3);
      const a = model.predict(x) as tf.Tensor;
      const b = loaded.predict(x) as tf.Tensor;
      // tfjs' Activation("selu") and our SELU layer round differently in float32 on wasm
      const gap = tf.max(tf.abs(tf.sub(a, b)));
      expect(gap.dataSync()[0]).toBeLessThan(1e-6);
      gap.dispose();
      expect(toKerasJson(loaded)).toEqual(json);
      tf.dispose([x, a, b]);
      model.dispose();
      loaded.dispose();
    });
  },
  ['cpu', 'wasm'],
);

it('names the layer that Keras cannot read', () => {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 4, inputShape: [3], name: 'd' }),
      layerNorm({ name: 'norm' }),
    ],
  });
  expect(() => toKerasJson(model)).toThrow(
    /layer 'norm' \(SnnLayerNorm\) has no built-in Keras counterpart/,
  );
});
