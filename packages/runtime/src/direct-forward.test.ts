import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it, vi } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import { directForward } from './direct-forward';

/** Weights after `steps` SGD steps through `forward`, and the last output, as plain arrays. */
function train(model: tfl.LayersModel, forward: (x: tf.Tensor) => tf.Tensor, steps: number) {
  const x = tf.randomNormal([12, 5], 0, 1, 'float32', 11);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32'), 3);
  const optimizer = tf.train.sgd(0.1);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const step = () =>
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), false, vars);
  step();
  const tensors = tf.memory().numTensors;
  for (let s = 1; s < steps; s++) step();
  const leaked = tf.memory().numTensors - tensors;
  const out = tf.tidy(() => forward(x));
  const result = {
    leaked,
    weights: model.getWeights().map((w) => Array.from(w.dataSync())),
    out: Array.from(out.dataSync()),
  };
  tf.dispose([x, y, out]);
  optimizer.dispose();
  return result;
}

/** Dense → BatchNorm → ReLU → Dropout → Dense(softmax): state (moving statistics) and randomness. */
function sequential(seed: number): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(
    tfl.layers.dense({
      units: 8,
      inputShape: [5],
      kernelInitializer: tfl.initializers.glorotNormal({ seed }),
    }),
  );
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.dropout({ rate: 0.3, seed }));
  model.add(
    tfl.layers.dense({
      units: 3,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotNormal({ seed: seed + 1 }),
    }),
  );
  return model;
}

/** Two residual branches and a three-way add: the order in which gradients meet matters. */
function functional(seed: number): tfl.LayersModel {
  const input = tfl.input({ shape: [5] });
  const init = (k: number) => tfl.initializers.glorotNormal({ seed: seed + k });
  const h = tfl.layers
    .dense({ units: 6, activation: 'selu', kernelInitializer: init(0) })
    .apply(input) as tfl.SymbolicTensor;
  const a = tfl.layers
    .dense({ units: 6, activation: 'tanh', kernelInitializer: init(1) })
    .apply(h) as tfl.SymbolicTensor;
  const b = tfl.layers
    .dense({ units: 6, activation: 'relu', kernelInitializer: init(2) })
    .apply(h) as tfl.SymbolicTensor;
  const sum = tfl.layers.add().apply([h, a, b]) as tfl.SymbolicTensor;
  const out = tfl.layers
    .dense({ units: 3, activation: 'softmax', kernelInitializer: init(3) })
    .apply(sum) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

describeEachBackend('directForward', () => {
  for (const [name, build] of [
    ['sequential', sequential],
    ['functional', functional],
  ] as const) {
    it(`${name}: training steps and outputs bit for bit those of model.apply, no leaks`, () => {
      const viaApply = build(3);
      const reference = train(
        viaApply,
        (x) => viaApply.apply(x, { training: true }) as tf.Tensor,
        4,
      );
      const direct = build(3);
      const forward = directForward(direct);
      const result = train(direct, (x) => forward(x, true), 4);
      expect(result.leaked).toBe(0);
      expect(result.weights).toEqual(reference.weights);
      expect(result.out).toEqual(reference.out);
      // Inference mode (dropout off, batch norm on its moving statistics).
      const x = tf.randomNormal([7, 5], 0, 1, 'float32', 5);
      const a = viaApply.apply(x, { training: false }) as tf.Tensor;
      const b = forward(x, false);
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      tf.dispose([x, a, b]);
      viaApply.dispose();
      direct.dispose();
    });
  }

  it('a model with two inputs is left to model.apply', () => {
    const i1 = tfl.input({ shape: [2] });
    const i2 = tfl.input({ shape: [2] });
    const out = tfl.layers.concatenate().apply([i1, i2]) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: [i1, i2], outputs: out });
    const apply = vi.spyOn(model, 'apply').mockImplementation((x) => x as tf.Tensor);
    const forward = directForward(model);
    const x = tf.ones([1, 2]);
    forward(x, true);
    expect(apply).toHaveBeenCalledWith(x, { training: true });
    x.dispose();
  });
});
