import { TRUNCATED_NORMAL_STD, heNormal, lecunNormal } from '@snn/init';
import { alphaDropoutLayer } from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import { type Finding, buildFnn, diagnoseModel, useKerasSnn } from '../index';

type Layer = InstanceType<typeof tfl.layers.Layer>;
type Init = Parameters<typeof tfl.layers.dense>[0]['kernelInitializer'];

const FEATURES = 64;
const WIDTH = 256;

/** FEATURES → hidden layers → Dense(2, softmax, LeCun). */
function stack(hidden: Layer[]): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.inputLayer({ inputShape: [FEATURES], name: 'input' }),
      ...hidden,
      tfl.layers.dense({
        units: 2,
        activation: 'softmax',
        kernelInitializer: lecunNormal({ seed: 99 }),
        name: 'output',
      }),
    ],
  });
}

function dense(
  name: string,
  seed: number,
  init: Init = lecunNormal({ seed }),
  activation = 'selu',
): Layer {
  return tfl.layers.dense({
    units: WIDTH,
    activation: activation as 'selu',
    kernelInitializer: init,
    biasInitializer: 'zeros',
    name,
  });
}

const seluLayers = (n: number) => Array.from({ length: n }, (_, i) => dense(`h${i + 1}`, i + 1));

async function findings(model: tfl.LayersModel, data?: tf.Tensor): Promise<Finding[]> {
  const before = tf.memory().numTensors;
  const diagnosis = await diagnoseModel(model, data === undefined ? {} : { data });
  expect(tf.memory().numTensors).toBe(before);
  expect(diagnosis.ok).toBe(!diagnosis.findings.some((f) => f.level === 'error'));
  model.dispose();
  return diagnosis.findings;
}

const only = (list: Finding[], code: Finding['code']) => list.filter((f) => f.code === code);

/** `list` holds exactly one finding of `code`, at `layer`, with `level` and a fix naming `fix`. */
function expectOne(
  list: Finding[],
  code: Finding['code'],
  { level, layer, fix }: { level: Finding['level']; layer: string; fix: string },
): void {
  expect(only(list, code)).toEqual([
    expect.objectContaining({ level, layer, fix: expect.stringContaining(fix) }),
  ]);
}

describeEachBackend(
  'diagnoseModel',
  () => {
    it('finds nothing wrong in an SNN from buildFnn, and reports every layer', async () => {
      const model = buildFnn({
        architecture: 'snn',
        inputDim: FEATURES,
        outputDim: 3,
        depth: 8,
        width: WIDTH,
        dropoutRate: 0.05,
        seed: 3,
      });
      const diagnosis = await diagnoseModel(model);
      expect(diagnosis.findings).toEqual([]);
      expect(diagnosis.ok).toBe(true);
      expect(diagnosis.selu).toBe(true);
      expect(diagnosis.inputs).toMatchObject({
        source: 'synthetic',
        samples: 512,
        features: FEATURES,
        unstandardized: [],
      });
      const dense1 = diagnosis.layers.find((l) => l.name === 'hidden_1_dense')!;
      expect(dense1).toMatchObject({
        className: 'Dense',
        activation: 'linear',
        initializer: 'SnnLecunNormal',
        dropout: null,
      });
      // τ̄ = Var(w)·fan_in: 1 ± √(2/64)/√256 ≈ 0.011 (1σ) for LeCun normal weights
      expect(Math.abs(dense1.weights!.tau - 1)).toBeLessThan(0.05);
      expect(dense1.weights).toMatchObject({ fanIn: FEATURES, units: WIDTH });
      const selu8 = diagnosis.layers.find((l) => l.name === 'hidden_8')!;
      expect(selu8).toMatchObject({ className: 'SnnSelu', activation: 'selu' });
      expect(selu8.activations!.inDomain).toBe(true);
      expect(diagnosis.layers.find((l) => l.name === 'hidden_8_dropout')!.dropout).toBe('alpha');
      model.dispose();
    });

    it('flags a non-SELU hidden activation in a SELU stack', async () => {
      const list = await findings(
        stack([dense('h1', 1), dense('h2', 2, lecunNormal({ seed: 2 }), 'relu'), dense('h3', 3)]),
      );
      expectOne(list, 'non-selu-activation', {
        level: 'error',
        layer: 'h2',
        fix: "activation: 'selu'",
      });
    });

    for (const [what, init, expected, cause] of [
      ['He normal', heNormal({ seed: 4 }), 2, 'He/MSRA'],
      [
        "PyTorch's 3/4 SELU gain",
        tfl.initializers.randomNormal({ stddev: 0.75 / Math.sqrt(WIDTH), seed: 4 }),
        0.5625,
        '3/4 SELU gain',
      ],
      [
        "tfjs's uncorrected leCunNormal",
        tfl.initializers.leCunNormal({ seed: 4 }),
        0.774,
        "tfjs's leCunNormal",
      ],
      [
        "tfjs's uncorrected heNormal",
        tfl.initializers.heNormal({ seed: 4 }),
        1.548,
        "tfjs's heNormal",
      ],
    ] as const) {
      it(`flags ${what} weights (Var(w)·fan_in ≈ ${expected}) with the LeCun fix`, async () => {
        const list = await findings(stack([dense('h1', 1), dense('h2', 2, init), dense('h3', 3)]));
        const [finding] = only(list, 'kernel-variance');
        expect(only(list, 'kernel-variance')).toHaveLength(1);
        expect(finding).toMatchObject({ level: 'error', layer: 'h2' });
        expect(finding!.message).toContain(cause);
        expect(finding!.fix).toContain('lecunNormal()');
      });
    }

    for (const [what, init, cause] of [
      ['Glorot (fan-avg)', tfl.initializers.glorotUniform({ seed: 5 }), 'Glorot'],
      [
        'fan-out',
        tfl.initializers.varianceScaling({
          scale: 1,
          mode: 'fanOut',
          distribution: 'uniform',
          seed: 5,
        }),
        'fan-out',
      ],
    ] as const) {
      it(`flags ${what} scaling on a ${FEATURES} → ${WIDTH} layer`, async () => {
        const list = await findings(stack([dense('h1', 1, init), dense('h2', 2)]));
        const [finding] = only(list, 'kernel-variance');
        expect(finding).toMatchObject({ level: 'error', layer: 'h1' });
        expect(finding!.message).toContain(cause);
      });
    }

    it('flags plain Dropout after SELU, and tfjs’s built-in AlphaDropout', async () => {
      const list = await findings(
        stack([
          dense('h1', 1),
          tfl.layers.dropout({ rate: 0.1, name: 'drop1' }),
          dense('h2', 2),
          tfl.layers.alphaDropout({ rate: 0.1, name: 'drop2' }),
          dense('h3', 3),
          alphaDropoutLayer({ rate: 0.1, name: 'drop3' }),
        ]),
      );
      expectOne(list, 'plain-dropout', {
        level: 'error',
        layer: 'drop1',
        fix: 'alphaDropoutLayer',
      });
      expectOne(list, 'tfjs-alpha-dropout', {
        level: 'error',
        layer: 'drop2',
        fix: 'useKerasSnn()',
      });
    });

    it('reports NaN and ±∞ weights as non-finite, not as a bad initialization', async () => {
      const model = stack([dense('h1', 1), dense('h2', 2), dense('h3', 3)]);
      const h2 = model.getLayer('h2');
      const nan = tf.fill([WIDTH, WIDTH], Number.NaN);
      const withInf = tf.tensor1d(
        Array.from({ length: WIDTH }, (_, i) => (i < 3 ? Number.POSITIVE_INFINITY : 0)),
      );
      h2.setWeights([nan, withInf]);
      tf.dispose([nan, withInf]);
      const list = await findings(model);
      // Every kernel value of h2 is NaN (256 · 256 of them), and 3 of its biases are +∞.
      expectOne(list, 'non-finite-weights', { level: 'error', layer: 'h2', fix: 'diverged' });
      expect(only(list, 'non-finite-weights')[0]!.message).toBe(
        `${WIDTH * WIDTH + 3} weight values are NaN or ±∞: the layer outputs NaN for every input`,
      );
      expect(only(list, 'kernel-variance')).toEqual([]);
    });

    it('flags BatchNormalization in an SNN', async () => {
      const list = await findings(
        stack([dense('h1', 1), tfl.layers.batchNormalization({ name: 'bn' }), dense('h2', 2)]),
      );
      expectOne(list, 'batch-norm', { level: 'warning', layer: 'bn', fix: 'remove' });
    });

    it('flags unstandardized inputs, given as data', async () => {
      // features 0..9 have mean 3; the rest are standard normal
      const data = tf.tidy(() => {
        const z = tf.randomNormal([400, FEATURES], 0, 1, 'float32', 8);
        const shift = tf.concat([tf.fill([1, 10], 3), tf.zeros([1, FEATURES - 10])], 1);
        return tf.add(z, shift);
      });
      const list = await findings(stack(seluLayers(3)), data);
      const [finding] = only(list, 'unstandardized-inputs');
      expect(finding).toMatchObject({ level: 'error', layer: null });
      expect(finding!.message).toMatch(/^10 of 64 input features/);
      expect(finding!.fix).toContain('standardize');
      data.dispose();
    });

    it('flags activations that leave Theorem 1’s domain with depth (He weights, 8 layers)', async () => {
      const hidden = Array.from({ length: 8 }, (_, i) =>
        dense(`h${i + 1}`, i + 1, heNormal({ seed: i + 1 })),
      );
      const list = await findings(stack(hidden));
      const [finding] = only(list, 'leaves-domain');
      expect(finding).toMatchObject({
        level: 'error',
        layer: 'h1',
        fix: expect.stringContaining('findings above'),
      });
      expect(finding!.message).toContain('at h8');
      expect(only(list, 'kernel-variance')).toHaveLength(8);
    });

    // Keras 2.15 `to_json()` of FEATURES → Dense(WIDTH, selu) × n → Dense(2, softmax), one kernel
    // initializer per hidden layer (Keras' serialized form), weights drawn by the initializers.
    const kerasSnn = (initializers: [string, Record<string, unknown>][]) => ({
      class_name: 'Sequential',
      config: {
        name: 'keras_snn',
        layers: [
          {
            class_name: 'InputLayer',
            config: { batch_input_shape: [null, FEATURES], dtype: 'float32', name: 'input' },
          },
          ...[...initializers, ['SnnLecunNormal', { seed: 99 }] as const].map(
            ([className, config], i) => ({
              class_name: 'Dense',
              config: {
                name: i === initializers.length ? 'output' : `h${i + 1}`,
                units: i === initializers.length ? 2 : WIDTH,
                activation: i === initializers.length ? 'softmax' : 'selu',
                kernel_initializer: { class_name: className, config },
                bias_initializer: { class_name: 'Zeros', config: {} },
              },
            }),
          ),
        ],
      },
      keras_version: '2.15.0',
    });
    const loadKeras = async (json: object, keras: boolean) => {
      const restore = keras ? useKerasSnn() : () => {};
      try {
        return await tfl.models.modelFromJSON(json as never);
      } finally {
        restore();
      }
    };

    it('recognises Keras’ LeCun-variance initializers, by config name and by measured τ', async () => {
      const distributions = ['truncated_normal', 'normal', 'untruncated_normal', 'uniform'];
      const inits: [string, Record<string, unknown>][] = [
        ...distributions.map((distribution, i): [string, Record<string, unknown>] => [
          'VarianceScaling',
          { scale: 1, mode: 'fan_in', distribution, seed: i + 1 },
        ]),
        ['LecunNormal', { seed: 5 }],
        ['LecunUniform', { seed: 6 }],
      ];
      const model = await loadKeras(kerasSnn(inits), true);
      const before = tf.memory().numTensors;
      const diagnosis = await diagnoseModel(model);
      expect(tf.memory().numTensors).toBe(before);
      expect(diagnosis.findings).toEqual([]);
      const hidden = diagnosis.layers.filter((l) => /^h\d$/.test(l.name));
      expect(hidden.map((l) => l.initializer)).toEqual([
        'VarianceScaling(scale 1, fan_in, truncated_normal)',
        'VarianceScaling(scale 1, fan_in, truncated_normal)', // Keras' legacy "normal"
        'VarianceScaling(scale 1, fan_in, untruncated_normal)',
        'VarianceScaling(scale 1, fan_in, uniform)',
        'LecunNormal',
        'LecunUniform',
      ]);
      for (const layer of hidden) {
        expect(layer.initializerTau).toBe(1);
        // measured: τ̄ = 1 ± √(2/fan_in)/√256 (1σ ≤ 0.011)
        expect(Math.abs(layer.weights!.tau - 1)).toBeLessThan(0.05);
      }
      model.dispose();
    });

    it('names what the config’s initializer draws when τ is off: He, tfjs’s uncorrected "normal", moved LeCun weights', async () => {
      const inits: [string, Record<string, unknown>][] = [
        ['HeNormal', { seed: 1 }],
        ['VarianceScaling', { scale: 1, mode: 'fan_in', distribution: 'normal', seed: 2 }],
        ['SnnLecunNormal', { seed: 3 }], // @snn/init's lecunNormal: tfjs reads it without help
      ];
      // Read by tfjs alone (no useKerasSnn): HeNormal and "normal" get tfjs's 0.774 of the variance.
      const tfjsRead = await loadKeras(kerasSnn(inits), false);
      const layer = tfjsRead.getLayer('h3');
      // LeCun weights that moved (×1.4 standard deviation, as after training): τ ≈ 1.96
      const scaled = tf.mul(layer.getWeights()[0]!, 1.4);
      layer.setWeights([scaled, layer.getWeights()[1]!]);
      scaled.dispose();
      const list = only(await findings(tfjsRead), 'kernel-variance');
      const byLayer = new Map(list.map((f) => [f.layer, f.message]));
      const s2 = (TRUNCATED_NORMAL_STD ** 2).toFixed(3);
      expect(byLayer.get('h1')).toContain(
        `initializer in the config: VarianceScaling(scale 2, fan_in, normal), which draws Var(w)·fan_in = ${(2 * TRUNCATED_NORMAL_STD ** 2).toFixed(3)} (tfjs's reading of Keras' "normal"`,
      );
      expect(byLayer.get('h2')).toContain(
        `initializer in the config: VarianceScaling(scale 1, fan_in, normal), which draws Var(w)·fan_in = ${s2} (tfjs's reading`,
      );
      expect(byLayer.get('h3')).toContain(
        "initializer in the config: SnnLecunNormal, which draws LeCun's variance (Var(w)·fan_in = 1.000): the weights have moved away from their initialization",
      );

      // Read with useKerasSnn: HeNormal draws exactly 2/fan_in, and the message says so.
      const kerasRead = await loadKeras(kerasSnn(inits.slice(0, 1)), true);
      const [he] = only(await findings(kerasRead), 'kernel-variance');
      expect(he!.message).toContain('looks like He/MSRA initialization');
      expect(he!.message).toContain(
        'initializer in the config: HeNormal, which draws Var(w)·fan_in = 2.000',
      );
    });

    it('skips the SNN checks for a ReLU network, with an info finding', async () => {
      const model = buildFnn({
        architecture: 'msra',
        inputDim: FEATURES,
        outputDim: 2,
        depth: 3,
        width: 32,
        seed: 1,
      });
      const list = await findings(model);
      expect(list).toEqual([expect.objectContaining({ code: 'not-an-snn', level: 'info' })]);
    });
  },
  ['cpu', 'wasm'],
);

it('names the expected shape when data does not fit the model', async () => {
  await tf.setBackend('cpu');
  const model = stack(seluLayers(1));
  const data = tf.zeros([10, 3]);
  await expect(diagnoseModel(model, { data })).rejects.toThrow(
    /`data` must have shape \[samples ≥ 2, 64\] for this model, got \[10, 3\]/,
  );
  data.dispose();
  model.dispose();
});
