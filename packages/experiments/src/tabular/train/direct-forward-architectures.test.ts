/**
 * The grid's training path (`trainModel` through `directForward`) computes, for each of the paper's
 * seven architectures as `buildFnn` builds them, bit for bit what `model.apply` computes: so records
 * trained before and after it are the same records.
 */
import { directForward } from '@snn/runtime';
import { ARCHITECTURES, type Architecture, buildFnn } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../../test/backends';

const DROPOUT: Partial<Record<Architecture, number>> = { snn: 0.05, msra: 0.5, highway: 0.5 };

function weightsAfterSteps(arch: Architecture, direct: boolean): number[][] {
  const model = buildFnn({
    architecture: arch,
    inputDim: 7,
    outputDim: 3,
    depth: 3,
    width: 16,
    shape: 'rectangular',
    dropoutRate: DROPOUT[arch] ?? 0,
    outputActivation: 'softmax',
    l2: arch === 'snn' ? 0 : 1e-4,
    seed: 9,
  });
  const forward = directForward(model);
  const x = tf.randomNormal([20, 7], 0, 1, 'float32', 4);
  const y = tf.oneHot(
    tf.tensor1d(
      [...Array(20).keys()].map((i) => i % 3),
      'int32',
    ),
    3,
  );
  const optimizer = tf.train.sgd(0.05);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  for (let s = 0; s < 4; s++) {
    optimizer.minimize(
      () => {
        const out = direct ? forward(x, true) : (model.apply(x, { training: true }) as tf.Tensor);
        const penalties = model.calculateLosses();
        const loss = tf.losses.softmaxCrossEntropy(y, out);
        return (penalties.length > 0 ? tf.add(loss, tf.addN(penalties)) : loss) as tf.Scalar;
      },
      false,
      vars,
    );
  }
  const inference = tf.tidy(() => (direct ? forward(x, false) : model.predict(x)) as tf.Tensor);
  const result = [
    ...model.getWeights().map((w) => Array.from(w.dataSync())),
    Array.from(inference.dataSync()),
  ];
  tf.dispose([x, y, inference]);
  optimizer.dispose();
  model.dispose();
  return result;
}

describeEachBackend('directForward on the seven architectures of buildFnn', () => {
  for (const arch of ARCHITECTURES) {
    it(`${arch}: weights after 4 training steps and the inference outputs equal model.apply's, bit for bit`, () => {
      expect(weightsAfterSteps(arch, true)).toEqual(weightsAfterSteps(arch, false));
    });
  }
});
