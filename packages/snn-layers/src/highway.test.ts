import { heNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { regularizers } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SNN_HIGHWAY } from '../../../internal/highway-kernel';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { oneHotLabels, values } from '../../../test/deterministic-values';
import { fitWeights } from '../../../test/fit-weights';
import { HIGHWAY_GATE_BIAS, Highway, highway } from './highway';
import './register';

/** Float64 x·W + b, W row-major [inDim, units]. */
function affine(x: number[], w: number[], b: number[], batch: number, inDim: number): number[] {
  const units = b.length;
  const out: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let j = 0; j < units; j++) {
      let s = b[j]!;
      for (let i = 0; i < inDim; i++) s += x[n * inDim + i]! * w[i * units + j]!;
      out.push(s);
    }
  }
  return out;
}

const BATCH = 3;

describeEachBackend('Highway', () => {
  it('is the identity when its transform gate is closed (T = 0)', () => {
    const dim = 6;
    const layer = highway({ inputDim: dim });
    layer.build([null, dim]);
    const [kernel, bias] = layer.getWeights();
    // Gate kernel 0 and a very negative gate bias: σ(−1e4) = 0 exactly in float32.
    layer.setWeights([kernel!, bias!, tf.zeros([dim, dim]), tf.fill([dim], -1e4)]);
    const x = tf.tensor2d(
      values(BATCH * dim, 1).map((v) => 3 * v),
      [BATCH, dim],
    );
    const before = tf.memory().numTensors;
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('is H(x) = relu(x·W_H + b_H) when its gate is fully open (T = 1)', () => {
    const dim = 4;
    const layer = highway({ inputDim: dim });
    layer.build([null, dim]);
    const w = values(dim * dim, 2);
    const b = values(dim, 3);
    layer.setWeights([
      tf.tensor2d(w, [dim, dim]),
      tf.tensor1d(b),
      tf.zeros([dim, dim]),
      tf.fill([dim], 1e4),
    ]);
    const x = values(BATCH * dim, 4);
    const expected = affine(x, w, b, BATCH, dim).map((z) => Math.max(0, z));
    const xt = tf.tensor2d(x, [BATCH, dim]);
    const y = layer.apply(xt) as tf.Tensor;
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    tf.dispose([xt, y]);
  });

  it('mixes H and the carry with T = σ(x·W_T + b_T), projecting the carry when sizes differ', () => {
    const inDim = 5;
    const units = 3;
    const layer = highway({ inputDim: inDim, units, activation: 'tanh' });
    layer.build([null, inDim]);
    expect(layer.getWeights().map((w) => w.shape)).toEqual([
      [inDim, units],
      [units],
      [inDim, units],
      [units],
      [inDim, units],
    ]);
    const wh = values(inDim * units, 5);
    const bh = values(units, 6);
    const wt = values(inDim * units, 7);
    const bt = values(units, 8);
    const wc = values(inDim * units, 9);
    layer.setWeights(
      [wh, bh, wt, bt, wc].map((v, i) =>
        i % 2 === 1 && i < 4 ? tf.tensor1d(v) : tf.tensor2d(v, [inDim, units]),
      ),
    );
    const x = values(BATCH * inDim, 10);
    const h = affine(x, wh, bh, BATCH, inDim).map(Math.tanh);
    const t = affine(x, wt, bt, BATCH, inDim).map((z) => 1 / (1 + Math.exp(-z)));
    const c = affine(x, wc, [0, 0, 0], BATCH, inDim);
    const expected = h.map((hv, i) => hv * t[i]! + c[i]! * (1 - t[i]!));
    const xt = tf.tensor2d(x, [BATCH, inDim]);
    const y = layer.apply(xt) as tf.Tensor;
    expect(y.shape).toEqual([BATCH, units]);
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    tf.dispose([xt, y]);
  });

  it('starts with gate bias −2 (mostly carrying) and draws distinct kernels from one seed', () => {
    const make = () => {
      const layer = highway({ inputDim: 8, units: 6, kernelInitializer: heNormal({ seed: 11 }) });
      layer.build([null, 8]);
      return layer.getWeights().map((w) => Array.from(w.dataSync()));
    };
    const [kernel, bias, gateKernel, gateBias, carry] = make();
    expect(HIGHWAY_GATE_BIAS).toBe(-2);
    expect(gateBias).toEqual(new Array(6).fill(-2));
    expect(bias).toEqual(new Array(6).fill(0));
    expect(kernel).not.toEqual(gateKernel);
    expect(kernel).not.toEqual(carry);
    expect(make()).toEqual([kernel, bias, gateKernel, gateBias, carry]);
  });

  it('trains as its tfjs-op composite bit for bit where its gate runs as one kernel', async () => {
    // A projected carry (10 → 16), two identity carries with ReLU, one with tanh, a softmax head;
    // fixed initial weights, so the two fits differ only in how the gate is computed.
    const network = () => {
      const model = tfl.sequential();
      model.add(highway({ inputDim: 10, units: 16 }));
      model.add(highway());
      model.add(highway());
      model.add(highway({ activation: 'tanh' }));
      model.add(tfl.layers.dense({ units: 3, activation: 'softmax' }));
      model.setWeights(
        model.getWeights().map((w, i) => tf.tensor(values(w.size, i + 1), w.shape, 'float32')),
      );
      model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
      return model;
    };
    const rows = 75;
    const x = tf.tensor2d(values(rows * 10, 20), [rows, 10]);
    const labels = oneHotLabels(rows, 21, 3);
    const backend = tf.getBackend();
    const kernel = tf.getKernel(SNN_HIGHWAY, backend);
    // snn-native has the kernel; on the others both fits take the composite.
    expect(kernel != null).toBe(backend === 'snn-native');
    const fused = await fitWeights(network(), x, labels);
    if (kernel != null) tf.unregisterKernel(SNN_HIGHWAY, backend);
    try {
      const composite = await fitWeights(network(), x, labels);
      // Every weight, bit patterns included.
      expect(fused).toEqual(composite);
      expect(fused[0]).not.toEqual(values(160, 1).map((v) => Math.fround(v)));
    } finally {
      if (kernel != null) tf.registerKernel(kernel);
    }
    x.dispose();
    labels.dispose();
  });
});

it('Highway getConfig/fromConfig round-trips every argument', () => {
  const layer = highway({
    units: 4,
    activation: 'selu',
    gateBias: -3,
    kernelInitializer: heNormal({ seed: 5 }),
    kernelRegularizer: regularizers.l2({ l2: 1e-4 }),
    name: 'hw',
  });
  const config = layer.getConfig();
  const copy = Highway.fromConfig(Highway, JSON.parse(JSON.stringify(config)));
  expect(copy.getConfig()).toEqual(config);
  expect(config).toMatchObject({ units: 4, activation: 'selu', gateBias: -3, name: 'hw' });
  expect(highway().getConfig().units).toBeNull();
});

it('Highway rejects bad arguments with an SnnError', () => {
  expect(() => highway({ units: -1 })).toThrow(SnnError);
  expect(() => highway({ gateBias: Number.NaN })).toThrow(/gateBias/);
});
