import * as tf from '@tensorflow/tfjs-core';
import { sequential } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { snnBlock } from './snn-block';

describeEachBackend(
  'snnBlock',
  () => {
    it('is Dense (LeCun normal, zero bias) → SELU, plus AlphaDropout when rate > 0', () => {
      const plain = snnBlock({ units: 5, seed: 1, name: 'b' });
      expect(plain.map((l) => [l.getClassName(), l.name])).toEqual([
        ['Dense', 'b_dense'],
        ['SnnSelu', 'b'],
      ]);
      const config = plain[0]!.getConfig() as Record<string, any>;
      expect(config.kernelInitializer).toEqual({
        className: 'SnnLecunNormal',
        config: { seed: 1, truncated: false },
      });
      expect(config.biasInitializer.className).toBe('Zeros');
      const dropped = snnBlock({ units: 5, dropoutRate: 0.05 });
      expect(dropped.map((l) => l.getClassName())).toEqual(['Dense', 'SnnSelu', 'SnnAlphaDropout']);
      expect(dropped[2]!.getConfig().rate).toBe(0.05);
    });

    it('stacks into a sequential model and maps x to selu(x·W)', () => {
      const model = sequential({ layers: snnBlock({ units: 3, inputDim: 4, seed: 2 }) });
      const [kernel] = model.getWeights();
      const x = tf.tensor2d([[0.5, -1, 2, 0]]);
      const y = model.predict(x) as tf.Tensor;
      const expected = tf.selu(tf.matMul(x, kernel as tf.Tensor2D));
      expect(Array.from(y.dataSync())).toEqual(Array.from(expected.dataSync()));
      tf.dispose([x, y, expected]);
      model.dispose();
    });
  },
  ['cpu'],
);

it('snnBlock rejects bad options with an SnnError', () => {
  expect(() => snnBlock({ units: 0 })).toThrow(SnnError);
  expect(() => snnBlock({ units: 3, dropoutRate: 1 })).toThrow(/dropoutRate/);
});
