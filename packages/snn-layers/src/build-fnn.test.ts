import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { ARCHITECTURES } from './architectures';
import { type BuildFnnOptions, buildFnn } from './build-fnn';

/**
 * Parameter count written out from the options alone — independent of the model and of
 * `layerWidths`/`residualBlockWidths`. Dense: in·u + u. BatchNorm: 4u (γ, β, moving mean, moving
 * variance). LayerNorm: 2u. WeightNorm: v in·u, g u, bias u. Highway: W_H, b_H, W_T, b_T and a
 * carry projection in·u when in ≠ u. ResNet block: three dense layers in → s → m → u with
 * s = round(bottleneck·u), m = s (rectangular) or u (diavolo), plus a shortcut in·u when in ≠ u.
 */
function expectedParams(o: BuildFnnOptions): number {
  const widths: number[] = [];
  for (let i = 0; i < o.depth; i++) {
    widths.push(
      o.shape === 'conic'
        ? Math.max(1, Math.round(o.width * (o.outputDim / o.width) ** (i / o.depth)))
        : o.width,
    );
  }
  let fanIn = o.inputDim;
  let total = 0;
  for (const u of widths) {
    const dense = fanIn * u + u;
    switch (o.architecture) {
      case 'snn':
      case 'msra':
        total += dense;
        break;
      case 'batchnorm':
        total += dense + 4 * u;
        break;
      case 'layernorm':
        total += dense + 2 * u;
        break;
      case 'weightnorm':
        total += dense + u;
        break;
      case 'highway':
        total += 2 * dense + (fanIn === u ? 0 : fanIn * u);
        break;
      case 'resnet': {
        const s = Math.max(1, Math.round((o.bottleneck ?? 0.5) * u));
        const m = o.blockShape === 'diavolo' ? u : s;
        total += fanIn * s + s + s * m + m + m * u + u + (fanIn === u ? 0 : fanIn * u);
        break;
      }
    }
    fanIn = u;
  }
  return total + fanIn * o.outputDim + o.outputDim;
}

function weightsOf(model: LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

const SMALL = { inputDim: 7, outputDim: 3, depth: 3, width: 12 } as const;

// Structure only: one backend is enough (the numerical suites run on cpu and wasm).
describeEachBackend(
  'buildFnn structure',
  () => {
    const variants: BuildFnnOptions[] = [];
    for (const architecture of ARCHITECTURES) {
      for (const shape of ['rectangular', 'conic'] as const) {
        variants.push({ architecture, shape, ...SMALL, inputDim: 12 });
        variants.push({ architecture, shape, ...SMALL, depth: 4, width: 48 });
      }
    }
    variants.push(
      { architecture: 'resnet', ...SMALL, blockShape: 'diavolo', bottleneck: 0.25 },
      { architecture: 'resnet', ...SMALL, blockShape: 'rectangular', bottleneck: 0.25 },
      { architecture: 'resnet', ...SMALL, blockShape: 'diavolo', bottleneck: 0.5, shape: 'conic' },
    );

    it.each(
      variants.map((o) => [
        `${o.architecture} ${o.shape ?? 'rectangular'} ${o.inputDim}→${o.width}×${o.depth}→${o.outputDim}${o.blockShape ? ` ${o.blockShape} ${o.bottleneck}` : ''}`,
        o,
      ]),
    )('parameter count of %s equals the hand count', (_, options) => {
      const model = buildFnn({ ...(options as BuildFnnOptions), seed: 1 });
      expect(model.countParams()).toBe(expectedParams(options as BuildFnnOptions));
      model.dispose();
    });

    it('names hidden outputs hidden_1 … hidden_depth and the last layer output', () => {
      for (const architecture of ARCHITECTURES) {
        const model = buildFnn({ architecture, ...SMALL, dropoutRate: 0.1, inputDropoutRate: 0.2 });
        const names = model.layers.map((l) => l.name);
        expect(names.filter((n) => /^hidden_\d+$/.test(n))).toEqual([
          'hidden_1',
          'hidden_2',
          'hidden_3',
        ]);
        expect(names.slice(0, 2)).toEqual(['input', 'input_dropout']);
        expect(names[names.length - 1]).toBe('output');
        expect(names).toContain('hidden_3_dropout');
        model.dispose();
      }
    });

    it('the same seed gives identical weights; another or no seed gives different ones', () => {
      for (const architecture of ARCHITECTURES) {
        const options = { architecture, ...SMALL, width: 9 } as const;
        const [a, b, c, d, e] = [
          buildFnn({ ...options, seed: 5 }),
          buildFnn({ ...options, seed: 5 }),
          buildFnn({ ...options, seed: 6 }),
          buildFnn(options),
          buildFnn(options),
        ];
        expect(weightsOf(a)).toEqual(weightsOf(b));
        expect(weightsOf(a)).not.toEqual(weightsOf(c));
        expect(weightsOf(d)).not.toEqual(weightsOf(e));
        // Kernels within one model differ from each other (every layer has its own seed).
        const kernels = a.getWeights().filter((w) => w.shape[0] === 9 && w.shape[1] === 9);
        if (kernels.length >= 2) {
          expect(Array.from(kernels[0]!.dataSync())).not.toEqual(
            Array.from(kernels[1]!.dataSync()),
          );
        }
        for (const model of [a, b, c, d, e]) model.dispose();
      }
    });

    it('builds and disposes without leaking tensors', () => {
      const before = tf.memory().numTensors;
      for (const architecture of ARCHITECTURES) {
        const model = buildFnn({ architecture, ...SMALL, seed: 2 });
        const x = tf.ones([2, SMALL.inputDim]);
        const y = model.predict(x) as tf.Tensor;
        expect(y.shape).toEqual([2, SMALL.outputDim]);
        tf.dispose([x, y]);
        model.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it('uses the requested output activation', () => {
      const x = tf.tensor2d([[0.3, -1, 2, 0.5, 0, 1, -0.2]]);
      const softmax = buildFnn({ architecture: 'snn', ...SMALL, seed: 1 });
      const linear = buildFnn({
        architecture: 'snn',
        ...SMALL,
        seed: 1,
        outputActivation: 'linear',
      });
      const p = softmax.predict(x) as tf.Tensor;
      const z = linear.predict(x) as tf.Tensor;
      const expected = tf.softmax(z);
      Array.from(p.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dataSync()[i]!, 6));
      tf.dispose([x, p, z, expected]);
      softmax.dispose();
      linear.dispose();
    });

    it('adds an L2 penalty on every kernel when l2 > 0', () => {
      // One regularization loss per kernel: Highway has W_H, W_T (+ W_C in the first layer,
      // 7 → 12), the other two one kernel per hidden layer; plus the output layer.
      for (const [architecture, kernels] of [
        ['msra', SMALL.depth + 1],
        ['weightnorm', SMALL.depth + 1],
        ['highway', 2 * SMALL.depth + 1 + 1],
      ] as const) {
        const model = buildFnn({ architecture, ...SMALL, l2: 1e-3, seed: 1 });
        const losses = model.layers.reduce((n, layer) => n + layer.losses.length, 0);
        expect(losses).toBe(kernels);
        model.dispose();
      }
    });

    it('rejects bad options with an SnnError naming the option', () => {
      const base = { architecture: 'snn', ...SMALL } as BuildFnnOptions;
      const cases: Array<[Partial<Record<keyof BuildFnnOptions, unknown>>, RegExp]> = [
        [{ architecture: 'densenet' }, /architecture/],
        [{ depth: 0 }, /depth/],
        [{ width: 2.5 }, /width/],
        [{ inputDim: -1 }, /inputDim/],
        [{ dropoutRate: 1 }, /dropoutRate/],
        [{ inputDropoutRate: -0.1 }, /inputDropoutRate/],
        [{ shape: 'pyramid' }, /shape/],
        [{ outputActivation: 'tanh' }, /outputActivation/],
        [{ l2: -1 }, /l2/],
        [{ seed: Number.NaN }, /seed/],
        [{ blockShape: 'cone' }, /blockShape/],
        [{ bottleneck: 0 }, /bottleneck/],
      ];
      for (const [override, message] of cases) {
        const build = () => buildFnn({ ...base, ...override } as BuildFnnOptions);
        expect(build).toThrow(SnnError);
        expect(build).toThrow(message);
      }
    });
  },
  ['cpu'],
);
