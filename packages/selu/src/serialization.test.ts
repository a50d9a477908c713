import { lecunNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import {
  AlphaDropoutLayer,
  FeatureAlphaDropoutLayer,
  SeluLayer,
  alphaDropoutLayer,
  featureAlphaDropoutLayer,
  seluLayer,
} from './index';

function buildModel(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 12, inputShape: [6], kernelInitializer: lecunNormal({ seed: 1 }) }),
      seluLayer(),
      alphaDropoutLayer({ rate: 0.1, seed: 2, noiseShape: [null, 12] }),
      tfl.layers.reshape({ targetShape: [3, 4] }),
      featureAlphaDropoutLayer({ rate: 0.05, seed: 3 }),
      tfl.layers.flatten(),
      tfl.layers.dense({
        units: 5,
        kernelInitializer: lecunNormal({ seed: 4, truncated: true }),
      }),
      seluLayer({ fixedPoint: { mean: -0.1, variance: 2 } }),
      alphaDropoutLayer({ rate: 0.05, fixedPoint: { mean: -0.1, variance: 2 } }),
    ],
  });
}

describeEachBackend('serialization', () => {
  it('a tf.sequential with our layers and lecunNormal saves and loads with identical predictions', async () => {
    const model = buildModel();
    const x = tf.randomNormal([9, 6], 0, 1, 'float32', 5);
    const before = tf.memory().numTensors;
    const y = model.predict(x) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 1);

    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const json = JSON.stringify(saved!.modelTopology);
    for (const name of ['SnnSelu', 'SnnAlphaDropout', 'SnnFeatureAlphaDropout', 'SnnLecunNormal']) {
      expect(json).toContain(`"${name}"`);
    }

    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
    const z = loaded.predict(x) as tf.Tensor;
    expect(Array.from(z.dataSync())).toEqual(Array.from(y.dataSync()));
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    expect(loaded.layers[1]).toBeInstanceOf(SeluLayer);
    expect(loaded.layers[2]).toBeInstanceOf(AlphaDropoutLayer);
    expect(loaded.layers[4]).toBeInstanceOf(FeatureAlphaDropoutLayer);
    expect((loaded.layers[7] as SeluLayer).alpha).toBe((model.layers[7] as SeluLayer).alpha);

    tf.dispose([x, y, z]);
    model.dispose();
    loaded.dispose();
  });

  it('trains through the dropout layers (training: true in fit) without leaking', async () => {
    const model = buildModel();
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const x = tf.randomNormal([32, 6], 0, 1, 'float32', 6);
    const t = tf.randomNormal([32, 5], 0, 1, 'float32', 7);
    await model.fit(x, t, { epochs: 1, batchSize: 16, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, t, { epochs: 2, batchSize: 16, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, t]);
    model.dispose();
  });
});

it('a model topology from JSON rebuilds every layer with an equal config', async () => {
  const model = buildModel();
  const rebuilt = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(null, false) });
  expect(rebuilt.layers.map((l) => l.getClassName())).toEqual(
    model.layers.map((l) => l.getClassName()),
  );
  expect(rebuilt.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
  model.dispose();
  rebuilt.dispose();
});
