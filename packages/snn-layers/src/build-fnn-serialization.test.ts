import * as tf from '@tensorflow/tfjs-core';
import { io, train } from '@tensorflow/tfjs-core';
import { type LayersModel, loadLayersModel } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { ARCHITECTURES, type BuildFnnOptions, buildFnn } from './index';

async function roundTrip(model: LayersModel): Promise<LayersModel> {
  let saved: io.ModelArtifacts | undefined;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return loadLayersModel(io.fromMemory(saved!));
}

const variants: BuildFnnOptions[] = [
  ...ARCHITECTURES.map(
    (architecture): BuildFnnOptions => ({
      architecture,
      inputDim: 6,
      outputDim: 3,
      depth: 3,
      width: 10,
      dropoutRate: 0.1,
      inputDropoutRate: 0.1,
      l2: 1e-4,
      seed: 4,
    }),
  ),
  {
    architecture: 'resnet',
    inputDim: 6,
    outputDim: 2,
    depth: 2,
    width: 12,
    shape: 'conic',
    blockShape: 'diavolo',
    bottleneck: 0.25,
    outputActivation: 'sigmoid',
    seed: 5,
  },
  {
    architecture: 'highway',
    inputDim: 6,
    outputDim: 1,
    depth: 3,
    width: 16,
    shape: 'conic',
    outputActivation: 'linear',
    seed: 6,
  },
];

describeEachBackend('buildFnn save/load', () => {
  for (const options of variants) {
    it(`${options.architecture} (${options.shape ?? 'rectangular'}) loads back with identical predictions`, async () => {
      const before = tf.memory().numTensors;
      const model = buildFnn(options);
      const x = tf.randomNormal([8, options.inputDim], 0, 1, 'float32', 9);
      const y = tf.randomUniform([8, options.outputDim], 0, 1, 'float32', 10);
      // One SGD step first, so that no weight (zero-initialized residual kernels, batch-norm
      // moving statistics) is still at its initial value.
      model.compile({ optimizer: train.sgd(0.1), loss: 'meanSquaredError' });
      await model.trainOnBatch(x, y);

      const loaded = await roundTrip(model);
      expect(loaded.layers.map((l) => l.getClassName())).toEqual(
        model.layers.map((l) => l.getClassName()),
      );
      // tfjs's own layers write unset options as undefined and read them back as null.
      const configs = (m: LayersModel) =>
        JSON.parse(
          JSON.stringify(
            m.layers.map((l) => l.getConfig()),
            (_, v) => v ?? null,
          ),
        );
      expect(configs(loaded)).toEqual(configs(model));
      const expected = model.predict(x) as tf.Tensor;
      const got = loaded.predict(x) as tf.Tensor;
      expect(Array.from(got.dataSync())).toEqual(Array.from(expected.dataSync()));

      tf.dispose([x, y, expected, got]);
      model.optimizer.dispose();
      model.dispose();
      loaded.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

it('registers every custom layer under an Snn name, without replacing tfjs built-ins', () => {
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  for (const name of ['SnnWeightNormDense', 'SnnLayerNorm', 'SnnHighway', 'SnnResidualBlock']) {
    expect(map[name]).toBeDefined();
  }
  expect(map.LayerNormalization![0].name).toBe('LayerNormalization');
});
