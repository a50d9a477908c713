// Reference values: Tile's definition in plain JavaScript, and the stock wasm backend, whose
// results the fast kernel must reproduce bit for bit.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradients
import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../../test/backends';
import { tileInto } from './fast-wasm-tile';

/** Deterministic values in (−2, 2) from a linear congruential sequence. */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 4 - 2;
  }
  return out;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((p, s) => p * s, 1);

/** Tile by its definition: out[i] = x[i mod shape], index by index. */
function tileByDefinition(x: ArrayLike<number>, shape: number[], reps: number[]): number[] {
  const outShape = shape.map((s, i) => s * reps[i]!);
  const out: number[] = [];
  for (let flat = 0; flat < sizeOf(outShape); flat++) {
    let rest = flat;
    let source = 0;
    let stride = 1;
    for (let a = shape.length - 1; a >= 0; a--) {
      const index = rest % outShape[a]!;
      rest = Math.floor(rest / outShape[a]!);
      source += (index % shape[a]!) * stride;
      stride *= shape[a]!;
    }
    out.push(x[source]!);
  }
  return out;
}

/** Tile cases: the batch-norm gradient's, and shapes of rank 0–4 with empty and unit axes. */
const TILE_CASES: Array<{ shape: number[]; reps: number[] }> = [
  { shape: [1, 1, 1, 256], reps: [32, 1, 1, 1] },
  { shape: [32, 256], reps: [1, 1] },
  { shape: [], reps: [] },
  { shape: [3], reps: [4] },
  { shape: [2, 3], reps: [2, 3] },
  { shape: [3, 1, 2], reps: [1, 4, 2] },
  { shape: [2, 2, 3, 2], reps: [2, 1, 3, 2] },
  { shape: [2, 0, 3], reps: [2, 2, 1] },
  { shape: [5, 7], reps: [3, 1] },
];

describe('tileInto', () => {
  it('tile by block copies as the definition does, for every case', () => {
    for (const { shape, reps } of TILE_CASES) {
      const x = values(sizeOf(shape), 7);
      const out = new Float32Array(sizeOf(shape.map((s, i) => s * reps[i]!)));
      tileInto(x, shape, reps, out);
      expect([...out], `${shape} × ${reps}`).toEqual(tileByDefinition(x, shape, reps));
    }
  });
});

describeEachBackend('Tile', (backend) => {
  /** The wasm-based backends, whose results must equal stock wasm's bit for bit. */
  const onWasmHeap = backend !== 'cpu';

  /** The same op on the stock wasm backend, then on this one. */
  async function onWasmAndHere<T extends tf.Tensor>(op: () => T) {
    await tf.setBackend('wasm');
    const stockTensor = op();
    const stock = await stockTensor.data();
    stockTensor.dispose();
    await tf.setBackend(backend);
    const hereTensor = op();
    const here = { shape: hereTensor.shape, data: await hereTensor.data() };
    hereTensor.dispose();
    return { stock, here };
  }

  it('tiles as the definition does, in float32, int32 and bool, as stock wasm bit for bit', async () => {
    for (const { shape, reps } of TILE_CASES) {
      const x = values(sizeOf(shape), 3);
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const data = dtype === 'float32' ? x : Int32Array.from(x, (v) => Math.round(v));
        const input = dtype === 'bool' ? Int32Array.from(data, (v) => (v > 0 ? 1 : 0)) : data;
        const { stock, here } = await onWasmAndHere(() =>
          tf.tile(tf.tensor(input, shape, dtype), reps),
        );
        const label = `${dtype} ${shape} × ${reps}`;
        expect(here.shape, label).toEqual(shape.map((s, i) => s * reps[i]!));
        expect([...here.data], label).toEqual(tileByDefinition(input, shape, reps));
        if (onWasmHeap) expect([...here.data], label).toEqual([...stock]);
      }
    }
  });

  it('leaves no tensor behind in the batch-norm gradient over repeated steps', async () => {
    const x = tf.tensor(values(32 * 256, 9), [32, 256]);
    const offset = tf.zeros([256]);
    const scale = tf.ones([256]);
    const step = () =>
      tf.tidy(() =>
        tf.grad((input: tf.Tensor) => {
          const { mean, variance } = tf.moments(input, 0);
          return tf.sum(tf.square(tf.batchNorm(input, mean, variance, offset, scale, 1e-3)));
        })(x),
      );
    step().dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step().dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, offset, scale]);
  });
});
