// The Keras 2 topology is written by /usr/bin/python3 packages/selu/scripts/make-fixtures.py
// (src/fixtures/keras-alpha-dropout-model.json), in the format of Keras' `model.to_json()`.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { alphaDropoutAffine } from './alpha-dropout';
import kerasModel from './fixtures/keras-alpha-dropout-model.json';
import { AlphaDropoutLayer, useSnnAlphaDropout } from './index';
import { dropoutStats } from './testing/dropout-stats';

const UNITS = 16;

/** The Keras JSON with an identity Dense kernel, zero bias, through a tfjs IO handler. */
function loadKerasModel(): Promise<tfl.LayersModel> {
  const kernel = new Float32Array(UNITS * UNITS);
  for (let i = 0; i < UNITS; i++) kernel[i * UNITS + i] = 1;
  const weightData = new Float32Array(UNITS * UNITS + UNITS);
  weightData.set(kernel);
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: kerasModel as unknown as tf.io.ModelJSON['modelTopology'],
      weightSpecs: [
        { name: 'dense/kernel', shape: [UNITS, UNITS], dtype: 'float32' },
        { name: 'dense/bias', shape: [UNITS], dtype: 'float32' },
      ],
      weightData: weightData.buffer,
    }),
  );
}

const builtInAlphaDropout = tfl.layers.alphaDropout({ rate: 0.1 }).constructor;

it('importing the package leaves tfjs’s AlphaDropout registration untouched', async () => {
  await tf.setBackend('cpu');
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  expect(map.AlphaDropout?.[0]).toBe(builtInAlphaDropout);
  const model = await loadKerasModel();
  expect(model.layers.at(-1)).toBeInstanceOf(builtInAlphaDropout);
  model.dispose();
});

describeEachBackend('useSnnAlphaDropout', () => {
  it('makes a Keras AlphaDropout load as ours, dropping to the −λα-based value; restore undoes it', async () => {
    // N(0,1) input → Dense(identity) + SELU → AlphaDropout(0.1): activations at the (0, 1) fixed point
    const x = tf.randomNormal([62_500, UNITS], 0, 1, 'float32', 31);
    const { a, b, droppedValue, alphaPrime } = alphaDropoutAffine(0.1);
    expect(alphaPrime).toBeLessThan(0);
    expect(droppedValue).toBeLessThan(0);

    const restore = useSnnAlphaDropout();
    expect(useSnnAlphaDropout()).toBeInstanceOf(Function); // idempotent
    let model: tfl.LayersModel | undefined;
    try {
      model = await loadKerasModel();
    } finally {
      restore();
    }
    const layer = model.layers.at(-1)!;
    expect(layer).toBeInstanceOf(AlphaDropoutLayer);
    expect(layer.getClassName()).toBe('AlphaDropout');
    expect(layer.getConfig()).toMatchObject({
      name: 'alpha_dropout',
      rate: 0.1,
      noiseShape: null,
      seed: null,
    });

    const activations = tf.selu(x);
    const before = tf.memory().numTensors;
    const inference = model.apply(x, { training: false }) as tf.Tensor;
    const training = model.apply(x, { training: true }) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(Array.from(inference.dataSync())).toEqual(Array.from(activations.dataSync()));
    const s = dropoutStats(activations.dataSync(), training.dataSync(), a, b, droppedValue);
    expect(Math.abs(s.mean)).toBeLessThan(0.005);
    expect(Math.abs(s.variance - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.droppedFraction - 0.1)).toBeLessThan(0.005);
    expect(s.wrongDropped).toBe(0);

    // saved again, it is still a Keras AlphaDropout with Keras' config keys
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const layers = (
      saved!.modelTopology as { config: { layers: { class_name: string; config: object }[] } }
    ).config.layers;
    expect(layers.at(-1)!.class_name).toBe('AlphaDropout');
    const keys = Object.keys(layers.at(-1)!.config);
    expect(keys).toEqual(expect.arrayContaining(['name', 'rate', 'noise_shape', 'seed']));
    expect(
      keys.every((k) => ['name', 'trainable', 'dtype', 'rate', 'noise_shape', 'seed'].includes(k)),
    ).toBe(true);

    // after restore() the built-in is back
    const again = await loadKerasModel();
    expect(again.layers.at(-1)).toBeInstanceOf(builtInAlphaDropout);

    tf.dispose([x, activations, inference, training]);
    model.dispose();
    again.dispose();
  });
});
