// Keras' variance-scaling initializers as `useKerasSnn` reads them, against Keras' definitions
// (keras/src/initializers/random_initializers.py): Var(w) = scale/n, truncated normals cut at ±2σ′
// with σ′ = √(scale/n)/0.8796…, exact normals, uniforms U(±√(3·scale/n)).
import { TRUNCATED_NORMAL_STD, heNormal, lecunNormal, lecunUniform } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import { toKerasJson, useKerasSnn } from '../index';
import { kerasFans } from './keras-variance-scaling';

type PyJsonDict = Parameters<typeof tfl.models.modelFromJSON>[0];
type Dict = Record<string, unknown>;
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

/** Kurtosis E[x⁴]/E[x²]² of the three shapes Keras draws from. */
const S2 = TRUNCATED_NORMAL_STD ** 2;
const KURTOSIS = {
  // A unit normal cut at ±c: E[x²] = 1 − 2cφ(c)/Z = 0.8796…², E[x⁴] = 3E[x²] − 2c³φ(c)/Z, so with
  // φ(c)/Z = (1 − E[x²])/(2c): E[x⁴] = 3 − (3 + c²)(1 − E[x²]), c = 2.
  truncated: (3 - 7 * (1 - S2)) / S2 ** 2, // 2.366
  normal: 3,
  uniform: 9 / 5,
};
type Shape = keyof typeof KURTOSIS;

/** Mean, variance, kurtosis and max |w| of a tensor, in double precision. */
function moments(values: ArrayLike<number>) {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    m2 += d * d;
    m4 += d ** 4;
    max = Math.max(max, Math.abs(values[i]!));
  }
  return { n, mean, variance: m2 / n, kurtosis: m4 / n / (m2 / n) ** 2, max };
}

/**
 * Checks draws against Var(w) = `variance` and the `shape`'s distribution. Tolerances are 5
 * standard errors for n draws: the sample variance's relative SE is √((κ − 1)/n) (κ ≤ 3), the
 * mean's SE √(variance/n), the sample kurtosis' SE below √(24/n) (0.02 at n = 60,000), far below
 * the gaps 3 − 2.37 and 2.37 − 1.8 between the shapes.
 */
function expectDistribution(values: ArrayLike<number>, variance: number, shape: Shape): void {
  const m = moments(values);
  expect(Math.abs(m.variance / variance - 1)).toBeLessThan(5 * Math.sqrt(2 / m.n));
  expect(Math.abs(m.mean)).toBeLessThan(5 * Math.sqrt(variance / m.n));
  expect(Math.abs(m.kurtosis - KURTOSIS[shape])).toBeLessThan(5 * Math.sqrt(24 / m.n));
  const cut = (2 * Math.sqrt(variance)) / TRUNCATED_NORMAL_STD;
  if (shape === 'truncated') {
    expect(m.max).toBeLessThanOrEqual(cut * (1 + 1e-6));
    expect(m.max).toBeGreaterThan(0.99 * cut); // the cut is reached, not a narrower normal
  }
  if (shape === 'uniform') expect(m.max).toBeLessThanOrEqual(Math.sqrt(3 * variance) * (1 + 1e-6));
  if (shape === 'normal') expect(m.max).toBeGreaterThan(cut); // 2.3% of an exact normal lie beyond
}

/** Keras' serialized initializer entry. */
const init = (className: string, config: Dict): Dict => ({
  module: 'keras.initializers',
  class_name: className,
  config,
  registered_name: null,
});

/**
 * Keras 2.15 `to_json()` of 240 → Dense(300) → Dense(240) → … with one kernel initializer per
 * layer, so every kernel is non-square (fan_in ≠ fan_out) and holds 72,000 weights.
 */
function kerasStack(initializers: Dict[]): Dict {
  const layers: Dict[] = [
    {
      class_name: 'InputLayer',
      config: { batch_input_shape: [null, 240], dtype: 'float32', name: 'input' },
    },
  ];
  initializers.forEach((kernel, i) => {
    layers.push({
      class_name: 'Dense',
      config: {
        name: `dense_${i}`,
        units: i % 2 === 0 ? 300 : 240,
        activation: 'linear',
        kernel_initializer: kernel,
        bias_initializer: init('Zeros', {}),
      },
    });
  });
  return { class_name: 'Sequential', config: { name: 'stack', layers }, keras_version: '2.15.0' };
}

/** Loads `json` with `useKerasSnn` active and returns each Dense kernel's values and shape. */
async function kernelsOf(json: Dict): Promise<{ values: Float32Array; shape: number[] }[]> {
  restore = useKerasSnn();
  const model = await tfl.models.modelFromJSON(copy(json) as unknown as PyJsonDict);
  restore();
  const kernels = model.layers
    .filter((l) => l.getClassName() === 'Dense')
    .map((l) => {
      const kernel = l.getWeights()[0]!;
      return { values: kernel.dataSync() as Float32Array, shape: kernel.shape };
    });
  model.dispose();
  return kernels;
}

const MODES = ['fan_in', 'fan_out', 'fan_avg'] as const;
const DISTRIBUTIONS: [string, Shape][] = [
  ['truncated_normal', 'truncated'],
  ['normal', 'truncated'], // Keras' legacy name of truncated_normal
  ['untruncated_normal', 'normal'],
  ['uniform', 'uniform'],
];
const n = (mode: string, [fanIn, fanOut]: number[]) =>
  mode === 'fan_in' ? fanIn! : mode === 'fan_out' ? fanOut! : (fanIn! + fanOut!) / 2;

describeEachBackend(
  'useKerasSnn: Keras variance scaling',
  () => {
    it('draws VarianceScaling in every mode and distribution with Var(w) = scale/n and its shape', async () => {
      const cases = MODES.flatMap((mode, m) =>
        DISTRIBUTIONS.map(([distribution, shape], d) => ({
          mode,
          distribution,
          shape,
          scale: [0.5, 1, 2][m]!,
          seed: 10 * m + d + 1,
        })),
      );
      const kernels = await kernelsOf(
        kerasStack(
          cases.map(({ scale, mode, distribution, seed }) =>
            init('VarianceScaling', { scale, mode, distribution, seed }),
          ),
        ),
      );
      cases.forEach(({ scale, mode, shape }, i) => {
        const { values, shape: dims } = kernels[i]!;
        expectDistribution(values, scale / n(mode, dims), shape);
      });
    });

    it('draws LecunNormal, HeNormal, GlorotNormal (truncated) and the uniforms with Keras’ variance', async () => {
      const named: [string, number, string, Shape][] = [
        ['LecunNormal', 1, 'fan_in', 'truncated'],
        ['HeNormal', 2, 'fan_in', 'truncated'],
        ['GlorotNormal', 1, 'fan_avg', 'truncated'],
        ['LecunUniform', 1, 'fan_in', 'uniform'],
        ['HeUniform', 2, 'fan_in', 'uniform'],
        ['GlorotUniform', 1, 'fan_avg', 'uniform'],
      ];
      const kernels = await kernelsOf(
        kerasStack(named.map(([className], i) => init(className, { seed: 40 + i }))),
      );
      named.forEach(([, scale, mode, shape], i) => {
        const { values, shape: dims } = kernels[i]!;
        expectDistribution(values, scale / n(mode, dims), shape);
      });
    });

    it('reads the string identifiers "he_normal" and "glorot_normal" with Keras’ variance too', async () => {
      const json = kerasStack([init('Zeros', {}), init('Zeros', {})]);
      const layers = (json.config as { layers: { config: Dict }[] }).layers;
      layers[1]!.config.kernel_initializer = 'he_normal';
      layers[2]!.config.kernel_initializer = 'glorot_normal';
      const [he, glorot] = await kernelsOf(json);
      // Unseeded (strings carry no seed): the shape checks hold for any draw except with
      // probability far below 1e-6 at these tolerances.
      expectDistribution(he!.values, 2 / 240, 'truncated');
      expectDistribution(glorot!.values, 1 / 270, 'truncated');
    });
  },
  ['cpu', 'wasm'],
);

describe('tfjs 4.22’s own reading of these configs (what useKerasSnn corrects)', () => {
  it('draws "normal" with 0.774 of the variance, samples a uniform for "truncated_normal", refuses "untruncated_normal"', async () => {
    const load = (distribution: string, seed: number) =>
      tfl.models.modelFromJSON(
        copy(
          kerasStack([init('VarianceScaling', { scale: 1, mode: 'fan_in', distribution, seed })]),
        ) as unknown as PyJsonDict,
      );
    const normal = await load('normal', 3);
    expectDistribution(normal.layers[1]!.getWeights()[0]!.dataSync(), S2 / 240, 'truncated');
    const truncated = await load('truncated_normal', 4);
    expectDistribution(truncated.layers[1]!.getWeights()[0]!.dataSync(), 1 / 240, 'uniform');
    await expect(load('untruncated_normal', 5)).rejects.toThrow(/untruncatedNormal/);
    normal.dispose();
    truncated.dispose();
  });
});

describe('Keras’ fan rule', () => {
  it('follows compute_fans: rank 0, 1, 2, convolutions of any rank, explicit axes', () => {
    expect(kerasFans([])).toEqual({ fanIn: 1, fanOut: 1 });
    expect(kerasFans([7])).toEqual({ fanIn: 7, fanOut: 7 }); // tfjs: √7
    expect(kerasFans([5, 3])).toEqual({ fanIn: 5, fanOut: 3 });
    expect(kerasFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(kerasFans([2, 1, 1, 1, 3, 4, 5])).toEqual({ fanIn: 24, fanOut: 30 }); // tfjs: √720
    expect(kerasFans([4, 5, 6], [0], [1, 2])).toEqual({ fanIn: 4, fanOut: 30 });
    expect(kerasFans([4, 5, 6], [-1], [-3])).toEqual({ fanIn: 6, fanOut: 4 });
  });
});

describe('the same draw as @snn/init, bit for bit', () => {
  it('LecunNormal = lecunNormal({ truncated }), HeNormal = heNormal({ truncated }), LecunUniform = lecunUniform()', () => {
    restore = useKerasSnn();
    const make = (name: string, config: Dict) => {
      const [cls, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[name]!;
      return fromConfig(cls, config as tf.serialization.ConfigDict) as unknown as {
        apply(shape: number[]): tf.Tensor;
      };
    };
    const pairs: [tf.Tensor, tf.Tensor][] = [
      [
        make('LecunNormal', { seed: 3 }).apply([70, 30]),
        lecunNormal({ seed: 3, truncated: true }).apply([70, 30]),
      ],
      [
        make('HeNormal', { seed: 0 }).apply([70, 30]),
        heNormal({ seed: 0, truncated: true }).apply([70, 30]),
      ],
      [
        make('LecunUniform', { seed: 4 }).apply([70, 30]),
        lecunUniform({ seed: 4 }).apply([70, 30]),
      ],
      [
        make('VarianceScaling', {
          scale: 1,
          mode: 'fanIn',
          distribution: 'untruncatedNormal',
          seed: 5,
        }).apply([70, 30]),
        lecunNormal({ seed: 5 }).apply([70, 30]),
      ],
    ];
    for (const [a, b] of pairs) expect(a.dataSync()).toEqual(b.dataSync());
    tf.dispose(pairs.flat());
  });

  it('names the argument, the accepted values and what it got', () => {
    restore = useKerasSnn();
    const load = (config: Dict) =>
      tfl.models.modelFromJSON(
        copy(kerasStack([init('VarianceScaling', config)])) as unknown as PyJsonDict,
      );
    return Promise.all([
      expect(load({ distribution: 'gamma' })).rejects.toThrow(
        'VarianceScaling: `distribution` must be truncated_normal, untruncated_normal or uniform, got "gamma"',
      ),
      expect(load({ mode: 'fan_sum' })).rejects.toThrow(
        'VarianceScaling: `mode` must be fan_in, fan_out or fan_avg, got "fanSum"',
      ),
      expect(load({ scale: 0 })).rejects.toThrow('`scale` must be a positive number, got 0'),
      expect(load({ input_axes: [0] })).rejects.toThrow('pass both lists'),
    ]);
  });
});

describeEachBackend(
  'toKerasJson: @snn/init initializers in Keras’ names, and back',
  () => {
    const inits = () => [
      lecunNormal({ seed: 1, truncated: true }),
      lecunNormal({ seed: 2 }),
      heNormal({ seed: 3, truncated: true }),
      heNormal({ seed: 4 }),
      lecunUniform({ seed: 5 }),
    ];
    const expected = [
      init('LecunNormal', { seed: 1 }),
      init('VarianceScaling', {
        scale: 1,
        mode: 'fan_in',
        distribution: 'untruncated_normal',
        seed: 2,
      }),
      init('HeNormal', { seed: 3 }),
      init('VarianceScaling', {
        scale: 2,
        mode: 'fan_in',
        distribution: 'untruncated_normal',
        seed: 4,
      }),
      init('LecunUniform', { seed: 5 }),
    ];
    const shapes: Shape[] = ['truncated', 'normal', 'truncated', 'normal', 'uniform'];
    const scales = [1, 1, 2, 2, 1];

    it('writes each as the Keras initializer of the same distribution; loaded back, it draws it and writes the same JSON', async () => {
      const model = tfl.sequential({
        layers: inits().map((kernelInitializer, i) =>
          tfl.layers.dense({
            units: i % 2 === 0 ? 300 : 240,
            kernelInitializer,
            name: `dense_${i}`,
            ...(i === 0 ? { inputShape: [240] } : {}),
          }),
        ),
      });
      const json = toKerasJson(model);
      const layers = (json.config.layers as { class_name: string; config: Dict }[]).filter(
        (l) => l.class_name === 'Dense',
      );
      expect(layers.map((l) => l.config.kernel_initializer)).toEqual(expected);
      model.dispose();

      const kernels = await kernelsOf(json as unknown as Dict);
      kernels.forEach(({ values, shape }, i) =>
        expectDistribution(values, scales[i]! / shape[0]!, shapes[i]!),
      );
      restore = useKerasSnn();
      const loaded = await tfl.models.modelFromJSON(copy(json) as unknown as PyJsonDict);
      restore();
      expect(toKerasJson(loaded)).toEqual(json);
      loaded.dispose();
    });

    it('writes Keras’ VarianceScaling back as Keras would after reading it (legacy "normal" as truncated_normal)', async () => {
      const written = (distribution: string, extra: Dict = {}) =>
        init('VarianceScaling', { scale: 1.5, mode: 'fan_avg', distribution, seed: 7, ...extra });
      const json = kerasStack([
        written('normal'),
        written('untruncated_normal'),
        written('uniform', { input_axes: [0], output_axes: [1] }),
      ]);
      restore = useKerasSnn();
      const loaded = await tfl.models.modelFromJSON(copy(json) as unknown as PyJsonDict);
      restore();
      const out = (toKerasJson(loaded).config.layers as { config: Dict }[]).slice(1);
      expect(out.map((l) => l.config.kernel_initializer)).toEqual([
        written('truncated_normal'),
        written('untruncated_normal'),
        written('uniform', { input_axes: [0], output_axes: [1] }),
      ]);
      loaded.dispose();
    });
  },
  ['cpu', 'wasm'],
);
