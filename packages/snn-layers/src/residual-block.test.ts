import { heNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import { regularizers } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { values } from '../../../test/deterministic-values';
import './register';
import { ResidualBlock, residualBlock, residualBlockWidths } from './residual-block';

/** Float64 x·W + b for a batch, W row-major [inDim, units]. */
function affine(x: number[], w: number[], b: number[], batch: number): number[] {
  const units = b.length;
  const inDim = x.length / batch;
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

const relu = (v: number) => Math.max(0, v);
const BATCH = 3;

it('residualBlockWidths: squeeze = bottleneck·units; diavolo widens back in the middle', () => {
  expect(residualBlockWidths(64, 0.25, 'rectangular')).toEqual([16, 16, 64]);
  expect(residualBlockWidths(64, 0.25, 'diavolo')).toEqual([16, 64, 64]);
  expect(residualBlockWidths(10, 0.5, 'rectangular')).toEqual([5, 5, 10]);
  expect(residualBlockWidths(3, 0.1, 'rectangular')).toEqual([1, 1, 3]);
});

describeEachBackend('ResidualBlock', () => {
  for (const [blockShape, inDim] of [
    ['rectangular', 8],
    ['diavolo', 8],
    ['diavolo', 5],
  ] as const) {
    it(`computes act(S(x) + F(x)) by hand (${blockShape}, input ${inDim} → 8)`, () => {
      const units = 8;
      const layer = residualBlock({ units, bottleneck: 0.25, blockShape, inputDim: inDim });
      layer.build([null, inDim]);
      const shapes = layer.getWeights().map((w) => w.shape);
      const [s, m] = residualBlockWidths(units, 0.25, blockShape);
      const expectedShapes: number[][] = [[inDim, s], [s], [s, m], [m], [m, units], [units]];
      if (inDim !== units) expectedShapes.push([inDim, units]);
      expect(shapes).toEqual(expectedShapes);

      const weights = shapes.map((shape, i) =>
        values(
          shape.reduce((a, b) => a * b, 1),
          20 + i,
        ),
      );
      layer.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i])));
      const x = values(BATCH * inDim, 2);
      let f = affine(x, weights[0]!, weights[1]!, BATCH).map(relu);
      f = affine(f, weights[2]!, weights[3]!, BATCH).map(relu);
      f = affine(f, weights[4]!, weights[5]!, BATCH);
      const shortcut =
        inDim === units ? x : affine(x, weights[6]!, new Array(units).fill(0), BATCH);
      const expected = f.map((v, i) => relu(v + shortcut[i]!));

      const xt = tf.tensor2d(x, [BATCH, inDim]);
      const before = tf.memory().numTensors;
      const y = layer.apply(xt) as tf.Tensor;
      expect(y.shape).toEqual([BATCH, units]);
      Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
      y.dispose();
      expect(tf.memory().numTensors).toBe(before);
      xt.dispose();
    });
  }

  it('starts as act(x): the last branch kernel is zero-initialized', () => {
    const layer = residualBlock({ units: 6, inputDim: 6 });
    const x = tf.tensor2d(values(BATCH * 6, 3), [BATCH, 6]);
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()).map(relu));
    tf.dispose([x, y]);
  });
});

it('ResidualBlock getConfig/fromConfig round-trips every argument', () => {
  const layer = residualBlock({
    units: 12,
    bottleneck: 0.25,
    blockShape: 'diavolo',
    activation: 'selu',
    kernelInitializer: heNormal({ seed: 2 }),
    kernelRegularizer: regularizers.l2({ l2: 1e-5 }),
    name: 'res',
  });
  const config = layer.getConfig();
  const copy = ResidualBlock.fromConfig(ResidualBlock, JSON.parse(JSON.stringify(config)));
  expect(copy.getConfig()).toEqual(config);
  expect(config).toMatchObject({ units: 12, bottleneck: 0.25, blockShape: 'diavolo', name: 'res' });
});

it('ResidualBlock rejects bad arguments with an SnnError', () => {
  expect(() => residualBlock({ units: 4, bottleneck: 0 })).toThrow(SnnError);
  expect(() => residualBlock({ units: 4, bottleneck: 1.5 })).toThrow(/bottleneck/);
  expect(() => residualBlock({ units: 4, blockShape: 'cone' as 'diavolo' })).toThrow(/blockShape/);
});
