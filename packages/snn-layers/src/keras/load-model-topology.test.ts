import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LimitError } from '../../../../internal/limits';
import { loadModelTopology } from './load-model-topology';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A 4 → 8 → 8 → 2 topology as tfjs writes it, with `edit` applied to its layer configs. */
function topology(edit: (layers: Array<Record<string, any>>) => void = () => {}) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [4], units: 8, activation: 'selu' }),
      tfl.layers.dense({ units: 8, activation: 'selu' }),
      tfl.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const json = model.toJSON(null, false) as unknown as { config: { layers: any[] } };
  model.dispose();
  edit(json.config.layers);
  return json;
}

const variableCount = () => Object.keys(tf.engine().state.registeredVariables).length;

describe('loadModelTopology', () => {
  it('builds a model that predicts, and leaves the topology it was given unchanged', async () => {
    const json = topology();
    const copy = structuredClone(json);
    const model = await loadModelTopology(json, 'good.json');
    const x = tf.ones([3, 4]);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([3, 2]);
    expect(json).toEqual(copy);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('disposes the layers tfjs built before it failed, and only those, with another load in flight', async () => {
    const tensors = tf.memory().numTensors;
    const variables = variableCount();
    const bad = topology((layers) => {
      layers[2].config.activation = 'fancy';
    });
    // Both start at once: the good load builds while the bad one waits to report its failure.
    const [failed, good] = await Promise.allSettled([
      loadModelTopology(bad, 'bad.json'),
      loadModelTopology(topology(), 'good.json'),
    ]);
    expect(failed.status).toBe('rejected');
    expect(String((failed as PromiseRejectedResult).reason.message)).toMatch(
      /^bad\.json: tfjs cannot build the model \(.*fancy.*\); check that/,
    );
    const model = (good as PromiseFulfilledResult<tfl.LayersModel>).value;
    // The good model's weights are intact: it predicts, and it alone holds new variables.
    expect(variableCount()).toBe(variables + 6);
    const x = tf.ones([1, 4]);
    const y = model.predict(x) as tf.Tensor;
    expect(Number.isFinite(y.dataSync()[0])).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
    expect(variableCount()).toBe(variables);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses an oversized topology and an unknown class before building anything', async () => {
    const variables = variableCount();
    await expect(
      loadModelTopology(
        topology((layers) => {
          layers[1].config.units = 1e9;
        }),
        'wide.json',
      ),
    ).rejects.toBeInstanceOf(LimitError);
    await expect(
      loadModelTopology(
        topology((layers) => {
          layers[1].class_name = 'Fancy';
        }),
        'odd.json',
      ),
    ).rejects.toThrow("odd.json: layer 'dense_");
    expect(variableCount()).toBe(variables);
  });
});
