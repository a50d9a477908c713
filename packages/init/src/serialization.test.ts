import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { HeNormal, LecunNormal, LecunUniform, heNormal, lecunNormal, lecunUniform } from './index';

function buildModel(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [12],
        units: 9,
        activation: 'selu',
        kernelInitializer: lecunNormal({ seed: 1 }),
      }),
      tfl.layers.dense({
        units: 7,
        activation: 'selu',
        kernelInitializer: lecunNormal({ seed: 2, truncated: true }),
      }),
      tfl.layers.dense({ units: 5, activation: 'relu', kernelInitializer: heNormal({ seed: 3 }) }),
      tfl.layers.dense({ units: 3, kernelInitializer: lecunUniform({ seed: 4 }) }),
    ],
  });
}

const EXPECTED_INITIALIZERS = [
  { className: 'SnnLecunNormal', config: { seed: 1, truncated: false } },
  { className: 'SnnLecunNormal', config: { seed: 2, truncated: true } },
  { className: 'SnnHeNormal', config: { seed: 3, truncated: false } },
  { className: 'SnnLecunUniform', config: { seed: 4 } },
];

describe('registration', () => {
  it('registers our classes under our own names and leaves the tfjs built-ins alone', () => {
    const map = tf.serialization.SerializationMap.getMap().classNameMap;
    expect(map['SnnLecunNormal']![0]).toBe(LecunNormal);
    expect(map['SnnLecunUniform']![0]).toBe(LecunUniform);
    expect(map['SnnHeNormal']![0]).toBe(HeNormal);
    for (const builtIn of ['LeCunNormal', 'LeCunUniform', 'HeNormal', 'VarianceScaling']) {
      expect(map[builtIn]![0]).not.toBe(LecunNormal);
      expect(map[builtIn]![0]).not.toBe(HeNormal);
      expect(map[builtIn]![0]).not.toBe(LecunUniform);
    }
    expect(tfl.initializers.leCunNormal({}).getClassName()).toBe('VarianceScaling');
  });
});

describeEachBackend('save and load through tfjs IO handlers', () => {
  it('round-trips the initializer configs and the predictions', async () => {
    const model = buildModel();
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const topology = JSON.stringify(artifacts!.modelTopology);
    expect(topology).toContain('"class_name":"SnnLecunNormal"');

    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
    const configs = loaded.layers.map((layer) => layer.getConfig()['kernelInitializer']);
    expect(configs).toEqual(EXPECTED_INITIALIZERS);

    const x = tf.randomNormal([6, 12], 0, 1, 'float32', 5);
    const y0 = model.predict(x) as tf.Tensor;
    const y1 = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y0.dataSync()));
    tf.dispose([x, y0, y1]);
    model.dispose();
    loaded.dispose();
  });

  it('a model rebuilt from the JSON alone re-draws the same seeded kernels', async () => {
    const model = buildModel();
    const rebuilt = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(null, false) });
    for (let i = 0; i < model.layers.length; i++) {
      const original = model.layers[i]!.getWeights()[0]!;
      const redrawn = rebuilt.layers[i]!.getWeights()[0]!;
      expect(Array.from(redrawn.dataSync())).toEqual(Array.from(original.dataSync()));
    }
    model.dispose();
    rebuilt.dispose();
  });
});
