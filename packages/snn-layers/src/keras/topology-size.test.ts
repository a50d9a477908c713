import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LimitError } from '../../../../internal/limits';
import { ARCHITECTURES } from '../architectures';
import { buildFnn } from '../build-fnn';
import { checkTopologySize, topologySize } from './topology-size';

/** The JSON tfjs writes for `model` (snake_case keys, as in a model.json). */
const topologyOf = (model: tfl.LayersModel) =>
  model.toJSON(null, false) as unknown as Record<string, unknown>;

/** A Keras-style SNN classifier, 16 → 64 → 64 → 64 → 1 with dropout, as a tfjs topology. */
const example = (() => {
  const dense = (units: number, name: string, extra = {}) =>
    tfl.layers.dense({ units, activation: 'selu', name, ...extra });
  const dropout = (name: string) => tfl.layers.dropout({ rate: 0.1, name });
  const model = tfl.sequential({
    layers: [
      dense(64, 'dense', { inputShape: [16] }),
      dropout('dropout'),
      dense(64, 'dense_1'),
      dropout('dropout_1'),
      dense(64, 'dense_2'),
      dropout('dropout_2'),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', name: 'dense_3' }),
    ],
  });
  const json = topologyOf(model);
  model.dispose();
  return json;
})();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const savedWidth = process.env.SNN_MAX_WIDTH;
afterEach(() => {
  process.env.SNN_MAX_WIDTH = savedWidth ?? '';
});

/** `example` with its second Dense layer changed by `edit`, or extra layers appended. */
function edited(edit: (layers: Record<string, any>[]) => void): Record<string, unknown> {
  const copy = structuredClone(example);
  edit((copy as any).config.layers);
  return copy;
}

describe('topologySize counts what tfjs will allocate, from the JSON alone', () => {
  it('an SNN classifier: 16 → 64 → 64 → 64 → 1 (counted by hand)', () => {
    // (16·64 + 64) + 2·(64·64 + 64) + (64·1 + 1)
    expect(topologySize(example)).toEqual({ layers: 7, parameters: 9_473, inputFeatures: 16 });
  });

  for (const architecture of ARCHITECTURES) {
    it(`${architecture}: as many weights as tfjs's countParams() of the built model`, () => {
      const model = buildFnn({
        architecture,
        inputDim: 20,
        outputDim: 3,
        depth: 3,
        width: 24,
        shape: architecture === 'resnet' || architecture === 'highway' ? undefined : 'conic',
        blockShape: architecture === 'resnet' ? 'diavolo' : undefined,
        bottleneck: architecture === 'resnet' ? 0.25 : undefined,
        seed: 1,
      });
      const json = topologyOf(model);
      expect(topologySize(json).parameters).toBe(model.countParams());
      expect(topologySize(json).layers).toBe(model.layers.length);
      model.dispose();
    });
  }

  it('convolutions, pooling, Flatten and a functional Concatenate, as countParams()', () => {
    const input = tfl.input({ shape: [28, 28, 1] });
    const conv = tfl.layers
      .conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'valid' })
      .apply(input) as tfl.SymbolicTensor;
    const pooled = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(conv) as tfl.SymbolicTensor;
    const flat = tfl.layers.flatten().apply(pooled) as tfl.SymbolicTensor;
    const side = tfl.layers
      .dense({ units: 5 })
      .apply(tfl.layers.flatten().apply(input)) as tfl.SymbolicTensor;
    const joined = tfl.layers.concatenate().apply([flat, side]) as tfl.SymbolicTensor;
    const output = tfl.layers.dense({ units: 2 }).apply(joined) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: output });
    expect(topologySize(topologyOf(model)).parameters).toBe(model.countParams());
    model.dispose();
  });
});

describe('checkTopologySize refuses before anything is built', () => {
  it('units: 3e7 names the layer, the limit and SNN_MAX_WIDTH', () => {
    const huge = edited((layers) => {
      layers[2].config.units = 3e7;
    });
    expect(() => checkTopologySize('m/model.json', huge)).toThrow(
      "m/model.json: layer 'dense_1' `units`: 30,000,000 units in one layer, more than the limit of 65,536; if this is intended, raise the limit: SNN_MAX_WIDTH=30000000",
    );
  });

  it('raising the width still leaves the parameter limit (16 · 3e7 + …)', () => {
    process.env.SNN_MAX_WIDTH = '30000000';
    const huge = edited((layers) => {
      layers[2].config.units = 3e7;
    });
    // dense_1: 64 · 3e7 + 3e7 weights, dense_2: 3e7 · 64 + 64.
    const expected = 16 * 64 + 64 + (64 * 3e7 + 3e7) + (3e7 * 64 + 64) + 64 + 1;
    expect(() => checkTopologySize('m/model.json', huge)).toThrow(
      `m/model.json: the topology's weights: ${expected.toLocaleString('en-US')} parameters in one model, more than the limit of 500,000,000; if this is intended, raise the limit: SNN_MAX_PARAMETERS=${expected}`,
    );
  });

  it('20,000 layers: refused on the count, with SNN_MAX_LAYERS', () => {
    const deep = edited((layers) => {
      const dropout = layers[1];
      for (let i = 0; i < 20_000; i++) {
        layers.push({ ...dropout, config: { ...dropout.config, name: `extra_${i}` } });
      }
    });
    let error: unknown;
    try {
      checkTopologySize('m/model.json', deep);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).env).toBe('SNN_MAX_LAYERS');
    expect((error as Error).message).toMatch(
      /^m\/model\.json: the topology: 20,007 layers in one model, more than the limit of 10,000;/,
    );
  });

  it('a huge input (batch_input_shape [null, 1e9]) is refused as columns', () => {
    const wide = edited((layers) => {
      layers[0].config.batch_input_shape = [null, 1e9];
    });
    expect(() => checkTopologySize('m/model.json', wide)).toThrow(
      /m\/model\.json: the model's input features: 1,000,000,000 columns in one data set, more than the limit of 100,000; .*SNN_MAX_COLUMNS=1000000000/,
    );
  });

  it('a units value that is not a number is refused, not passed on to tfjs', () => {
    const odd = edited((layers) => {
      layers[2].config.units = 'many';
    });
    expect(() => checkTopologySize('m/model.json', odd)).toThrow(
      /layer 'dense_1' `units`: NaN units in one layer, .*not a finite number/,
    );
  });

  it('passes the paper-sized models', () => {
    const model = buildFnn({
      architecture: 'snn',
      inputDim: 801,
      outputDim: 12,
      depth: 4,
      width: 2048,
      seed: 1,
    });
    const json = topologyOf(model);
    const size = checkTopologySize('tox21/model.json', json);
    expect(size.parameters).toBe(model.countParams());
    model.dispose();
  });
});
