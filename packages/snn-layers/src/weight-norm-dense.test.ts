import { heNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import { regularizers } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { values } from '../../../test/deterministic-values';
import './register';
import { WeightNormDense, weightNormDense } from './weight-norm-dense';

const IN = 5;
const UNITS = 3;
const BATCH = 4;

describeEachBackend('WeightNormDense', () => {
  it('computes x·(g·v/‖v‖) + b, the norm per unit, as written out by hand', () => {
    const layer = weightNormDense({ units: UNITS, inputDim: IN, activation: 'linear' });
    layer.build([null, IN]);
    const v = values(IN * UNITS, 1); // row-major [IN, UNITS]
    const g = [0.5, 1.7, -1.2];
    const b = [0.1, -0.2, 0.3];
    const x = values(BATCH * IN, 2);
    layer.setWeights([tf.tensor2d(v, [IN, UNITS]), tf.tensor1d(g), tf.tensor1d(b)]);

    // Float64 reference: w[i][j] = g[j] · v[i][j] / sqrt(Σ_k v[k][j]²).
    const w: number[][] = [];
    for (let i = 0; i < IN; i++) {
      w.push([]);
      for (let j = 0; j < UNITS; j++) {
        let sq = 0;
        for (let k = 0; k < IN; k++) sq += v[k * UNITS + j]! ** 2;
        w[i]!.push((g[j]! * v[i * UNITS + j]!) / Math.sqrt(sq));
      }
    }
    const expected: number[] = [];
    for (let n = 0; n < BATCH; n++) {
      for (let j = 0; j < UNITS; j++) {
        let s = b[j]!;
        for (let i = 0; i < IN; i++) s += x[n * IN + i]! * w[i]![j]!;
        expected.push(s);
      }
    }

    const before = tf.memory().numTensors;
    const xt = tf.tensor2d(x, [BATCH, IN]);
    const y = layer.apply(xt) as tf.Tensor;
    expect(y.shape).toEqual([BATCH, UNITS]);
    const got = Array.from(y.dataSync());
    got.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
    const kernel = layer.effectiveKernel();
    Array.from(kernel.dataSync()).forEach((value, i) =>
      expect(value).toBeCloseTo(w[Math.floor(i / UNITS)]![i % UNITS]!, 5),
    );
    tf.dispose([xt, y, kernel]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('has trainable v, g and bias, and gradients reach g and v', () => {
    const layer = weightNormDense({ units: UNITS, inputDim: IN, activation: 'relu' });
    layer.build([null, IN]);
    expect(layer.trainableWeights.map((w) => w.originalName.split('/').pop())).toEqual([
      'v',
      'g',
      'bias',
    ]);
    const x = tf.tensor2d(values(BATCH * IN, 3), [BATCH, IN]);
    const before = tf.memory().numTensors;
    const { grads, value } = tf.variableGrads(
      () => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar,
    );
    for (const w of layer.trainableWeights) {
      const grad = grads[w.name]!;
      expect(grad.shape).toEqual(w.shape);
    }
    const gGrad = grads[layer.trainableWeights[1]!.name]!;
    expect(Math.max(...Array.from(gGrad.dataSync()).map(Math.abs))).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('starts with Σw² = 2 per unit for ReLU (He scale) and 1 otherwise (LeCun scale)', () => {
    for (const [activation, expected] of [
      ['relu', 2],
      ['selu', 1],
    ] as const) {
      const layer = weightNormDense({ units: 7, inputDim: 11, activation });
      layer.build([null, 11]);
      const w = layer.effectiveKernel();
      const sums = tf.sum(tf.square(w), 0);
      for (const s of sums.dataSync()) expect(s).toBeCloseTo(expected, 4);
      tf.dispose([w, sums]);
    }
  });
});

it('WeightNormDense getConfig/fromConfig round-trips every argument', () => {
  const layer = weightNormDense({
    units: 6,
    activation: 'selu',
    useBias: false,
    kernelInitializer: heNormal({ seed: 3 }),
    kernelRegularizer: regularizers.l2({ l2: 1e-3 }),
    name: 'wn',
  });
  const config = layer.getConfig();
  const copy = WeightNormDense.fromConfig(WeightNormDense, JSON.parse(JSON.stringify(config)));
  expect(copy.getConfig()).toEqual(config);
  expect(config).toMatchObject({ units: 6, activation: 'selu', useBias: false, name: 'wn' });
  expect((config.gInitializer as { config: { value: number } }).config.value).toBe(1);
});

it('WeightNormDense rejects bad arguments with an SnnError', () => {
  expect(() => weightNormDense({ units: 0 })).toThrow(SnnError);
  expect(() => weightNormDense({ units: 2, activation: 'gelu' as 'relu' })).toThrow(/activation/);
  const layer = weightNormDense({ units: 2 });
  expect(() => layer.build([null, 3, 4])).toThrow(/\[batch, features\]/);
});
