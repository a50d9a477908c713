import * as tf from '@tensorflow/tfjs-core';
import {
  type LayersModel,
  model as functionalModel,
  input,
  layers,
  sequential,
} from '@tensorflow/tfjs-layers';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { describeEachBackend } from '../../../../test/backends';
import { ARCHITECTURES } from '../architectures';
import { buildFnn } from '../build-fnn';
import '../register';
import { ONNX_OPSET, toOnnx } from './to-onnx';

/** Deterministic values in (−1, 1), independent of tfjs. */
function wave(n: number, salt: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(12.9898 * (i + 1) + 78.233 * salt));
}

/** Gives every weight of `model` fixed non-trivial values (variances in [0.5, 1.5]). */
function setFixedWeights(model: LayersModel): void {
  const values = model.weights.map((w, k) => {
    const size = w.shape.reduce((a: number, b: number | null) => a * (b ?? 1), 1);
    const v = wave(size, k + 1);
    const positive = /moving_variance|gamma$|\/g$/.test(w.originalName);
    const fanIn = w.shape.length === 2 ? (w.shape[0] as number) : 1;
    const scaled = v.map((x) => (positive ? 1 + 0.5 * x : (1.5 * x) / Math.sqrt(fanIn)));
    return tf.tensor(scaled, w.shape as number[]);
  });
  model.setWeights(values);
  tf.dispose(values);
}

async function runOnnx(bytes: Uint8Array, feeds: Record<string, Float32Array>, dims: number[]) {
  const session = await InferenceSession.create(bytes);
  const inputs: Record<string, OrtTensor> = {};
  for (const [name, data] of Object.entries(feeds))
    inputs[name] = new OrtTensor('float32', data, dims);
  const out = await session.run(inputs);
  const result = session.outputNames.map((n) => out[n]!);
  await session.release();
  return result;
}

function expectClose(actual: Float32Array, expected: Float32Array, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  }
  expect(worst).toBeLessThan(tol);
}

const BATCH = 5;
const IN = 7;

describeEachBackend('toOnnx: ONNX Runtime computes what tfjs computes', () => {
  for (const architecture of ARCHITECTURES) {
    it(`${architecture}: a depth-3 network with dropout, batch ${BATCH}`, async () => {
      const model = buildFnn({
        architecture,
        inputDim: IN,
        outputDim: 3,
        depth: 3,
        width: 6,
        dropoutRate: 0.1,
        inputDropoutRate: 0.05,
        outputActivation: 'linear',
        seed: 4,
      });
      setFixedWeights(model);
      const x = wave(BATCH * IN, 99).map((v) => 2 * v);
      const bytes = await toOnnx(model);
      const before = tf.memory().numTensors;
      const expected = tf.tidy(() => model.predict(tf.tensor2d(x, [BATCH, IN])) as tf.Tensor);
      const want = (await expected.data()) as Float32Array;
      expected.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const inputName = model.inputs[0]!.name.replace(/[/:]/g, '_');
      const [got] = await runOnnx(bytes, { [inputName]: x }, [BATCH, IN]);
      expect(got!.dims).toEqual([BATCH, 3]);
      expectClose(got!.data as Float32Array, want, 1e-5);
      model.dispose();
    });
  }
});

describe('toOnnx', () => {
  it('writes a functional model with two inputs, Add, Concatenate and softmax', async () => {
    const a = input({ shape: [4], name: 'a' });
    const b = input({ shape: [4], name: 'b' });
    const da = layers.dense({ units: 5, activation: 'tanh' }).apply(a) as ReturnType<typeof input>;
    const db = layers.dense({ units: 5, activation: 'selu' }).apply(b) as ReturnType<typeof input>;
    const sum = layers.add().apply([da, db]) as ReturnType<typeof input>;
    const joined = layers.concatenate().apply([sum, da]) as ReturnType<typeof input>;
    const out = layers.dense({ units: 3, activation: 'softmax' }).apply(joined);
    const model = functionalModel({ inputs: [a, b], outputs: out as ReturnType<typeof input> });
    setFixedWeights(model);
    const xa = wave(2 * 4, 7);
    const xb = wave(2 * 4, 8);
    const want = tf.tidy(() =>
      (model.predict([tf.tensor2d(xa, [2, 4]), tf.tensor2d(xb, [2, 4])]) as tf.Tensor).dataSync(),
    ) as Float32Array;
    const [got] = await runOnnx(await toOnnx(model), { a: xa, b: xb }, [2, 4]);
    expectClose(got!.data as Float32Array, want, 1e-5);
    model.dispose();
  });

  it('gives every input and output a symbolic batch dimension', async () => {
    const model = buildFnn({ architecture: 'snn', inputDim: 3, outputDim: 2, depth: 1, width: 4 });
    const session = await InferenceSession.create(await toOnnx(model, { batchDimension: 'n' }));
    for (const batch of [1, 9]) {
      const name = session.inputNames[0]!;
      const out = await session.run({
        [name]: new OrtTensor('float32', wave(batch * 3, 1), [batch, 3]),
      });
      expect(out[session.outputNames[0]!]!.dims).toEqual([batch, 2]);
    }
    await session.release();
    model.dispose();
  });

  it('names a layer it cannot export, with its class and the classes it maps', async () => {
    const model = sequential({
      layers: [
        layers.dense({ units: 4, inputShape: [6] }),
        layers.reshape({ targetShape: [2, 2] }),
      ],
    });
    await expect(toOnnx(model)).rejects.toThrow(SnnError);
    await expect(toOnnx(model)).rejects.toThrow(/layer 'reshape\w*' is a Reshape.*maps Dense/);
    model.dispose();
  });

  it('refuses what is not a model', async () => {
    await expect(toOnnx({} as LayersModel)).rejects.toThrow(/must be a tf.LayersModel/);
  });

  it(`declares the default operator set at version ${ONNX_OPSET}`, async () => {
    // Opset 17 is the first with LayerNormalization: ONNX Runtime rejects the layernorm export
    // under an older default opset, so this holds only if the header says 17.
    const model = buildFnn({
      architecture: 'layernorm',
      inputDim: 3,
      outputDim: 2,
      depth: 1,
      width: 4,
    });
    await expect(InferenceSession.create(await toOnnx(model))).resolves.toBeDefined();
    model.dispose();
  });
});
