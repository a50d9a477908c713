// Reference values: the definitions in float64 (Math.exp, Math.expm1), evaluated at the float32
// inputs. Below the smallest normal float32 (2⁻¹²⁶) relative accuracy is not representable, so
// errors there are measured against 2⁻¹²⁶.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients
import { beforeAll, describe, expect, it } from 'vitest';
import { SNN_WASM, enableFastWasm } from './enable-fast-wasm';

const LAMBDA = 1.0507009873554805;
const LAMBDA_ALPHA = 1.7580993408473766;
const MIN_NORMAL = 2 ** -126;
/** float32 rounding of one product or quotient, relative. */
const ROUNDING = 2 ** -24;
/** The documented bound of the fast `Exp` kernel (two sigmoids, a quotient and a square). */
const EXP_BOUND = 1e-6;

function seluRef(x: number): number {
  return x > 0 ? LAMBDA * x : LAMBDA_ALPHA * Math.expm1(x);
}

function seluGradRef(x: number): number {
  return x > 0 ? LAMBDA : LAMBDA_ALPHA * Math.exp(x);
}

/** Largest |got − want| / max(|want|, 2⁻¹²⁶) over finite references, and where it occurs. */
function maxRelative(xs: Float32Array, got: ArrayLike<number>, want: (x: number) => number) {
  let worst = 0;
  let at = Number.NaN;
  for (let i = 0; i < xs.length; i++) {
    const w = want(xs[i]!);
    const rel = Math.abs(got[i]! - w) / Math.max(Math.abs(w), MIN_NORMAL);
    if (!(rel <= worst)) {
      worst = rel;
      at = xs[i]!;
    }
  }
  return { worst, at };
}

/** ± 10^e for e on an even grid from −45 to 38.5 (every float32 magnitude, both signs). */
function logGrid(size: number): Float32Array {
  const xs = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    xs[i] = (i % 2 === 0 ? -1 : 1) * 10 ** (-45 + (83.5 * i) / (size - 1));
  }
  return xs;
}

function linearGrid(from: number, to: number, size: number): Float32Array {
  const xs = new Float32Array(size);
  for (let i = 0; i < size; i++) xs[i] = from + ((to - from) * i) / (size - 1);
  return xs;
}

async function run(f: (x: tf.Tensor) => tf.Tensor, xs: Float32Array): Promise<Float32Array> {
  const x = tf.tensor1d(xs);
  const y = f(x);
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describe(`Selu and Exp on '${SNN_WASM}'`, () => {
  beforeAll(async () => {
    await enableFastWasm({ threads: 1 });
    tf.setBackend(SNN_WASM);
  });

  it('selu: relative error ≤ 1e-6 over every float32 magnitude, near 0 included', async () => {
    const xs = logGrid(200_001);
    const { worst, at } = maxRelative(xs, await run((x) => tf.selu(x), xs), seluRef);
    expect(worst, `worst at x = ${at}`).toBeLessThan(1e-6);
  });

  it('selu: −0, ±∞ and NaN', async () => {
    const xs = new Float32Array([
      0,
      -0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
    const ys = await run((x) => tf.selu(x), xs);
    expect(ys[0]).toBe(0);
    expect(ys[1]).toBe(0);
    expect(ys[2]).toBe(Number.POSITIVE_INFINITY);
    expect(ys[3]).toBeCloseTo(-LAMBDA_ALPHA, 6);
    expect(ys[4]).toBeNaN();
  });

  it('selu gradient: the registered gradient, relative error ≤ the Exp bound + two roundings', async () => {
    const xs = linearGrid(-80, 20, 100_001);
    const grads = await run((x) => tf.grad((t: tf.Tensor) => tf.selu(t))(x), xs);
    const { worst, at } = maxRelative(xs, grads, seluGradRef);
    expect(worst, `worst at x = ${at}`).toBeLessThan(EXP_BOUND + 2 * ROUNDING);
  });

  it('exp: relative error ≤ 1e-6 wherever eˣ is a normal float32', async () => {
    const xs = linearGrid(-87.33, 88.72, 400_001);
    const { worst, at } = maxRelative(xs, await run((x) => tf.exp(x), xs), Math.exp);
    expect(worst, `worst at x = ${at}`).toBeLessThan(EXP_BOUND);
  });

  it('exp: overflow, subnormal results, ±∞ and NaN as expf', async () => {
    const xs = new Float32Array([
      88.73,
      1000,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -1000,
      Number.NaN,
      0,
    ]);
    expect(Array.from(await run((x) => tf.exp(x), xs))).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      0,
      0,
      Number.NaN,
      1,
    ]);
    // Subnormal results: absolute error within a subnormal step (2⁻¹⁴⁹) plus the relative bound.
    const tiny = linearGrid(-103, -87.4, 1001);
    const ys = await run((x) => tf.exp(x), tiny);
    for (let i = 0; i < tiny.length; i++) {
      const want = Math.exp(tiny[i]!);
      expect(Math.abs(ys[i]! - want)).toBeLessThanOrEqual(2 ** -149 + EXP_BOUND * want);
    }
  });

  it('exp of int32 input (straight to the kernel) takes the stock path', async () => {
    const x = tf.tensor1d([0, 1, -2], 'int32');
    const y = tf.engine().runKernel('Exp', { x }) as tf.Tensor;
    const values = await y.data();
    expect(Math.abs(values[1]! - Math.E)).toBeLessThan(1e-6);
    expect(Math.abs(values[2]! - Math.exp(-2))).toBeLessThan(1e-7);
    tf.dispose([x, y]);
  });

  it('frees every intermediate: backend data ids and tensors are unchanged after a step', async () => {
    const x = tf.randomNormal([64, 50], 0, 1, 'float32', 7);
    const step = () =>
      tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.exp(tf.selu(t))))(x)).dispose();
    step();
    const backend = tf.engine().backend as unknown as { numDataIds(): number };
    const ids = backend.numDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(backend.numDataIds()).toBe(ids);
    expect(tf.memory().numTensors).toBe(tensors);
    x.dispose();
  });

  it('a Dense + SELU network has the cpu backend’s loss gradient', async () => {
    const grads = async (backend: string) => {
      tf.setBackend(backend);
      const x = tf.randomNormal([32, 40], 0, 1, 'float32', 1);
      const w1 = tf.randomNormal([40, 40], 0, Math.sqrt(1 / 40), 'float32', 2);
      const w2 = tf.randomNormal([40, 3], 0, Math.sqrt(1 / 40), 'float32', 3);
      const [g1, g2] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.exp(tf.matMul(tf.selu(tf.matMul(tf.selu(x), a)), b))),
      )([w1, w2]);
      const out = [await g1!.data(), await g2!.data()];
      tf.dispose([x, w1, w2, g1!, g2!]);
      return out;
    };
    const cpu = await grads('cpu');
    const fast = await grads(SNN_WASM);
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < cpu[k]!.length; i++) {
        // float32 sums of 32–40 terms of size ~1: differences of a few 1e-6 are rounding.
        expect(Math.abs(fast[k]![i]! - cpu[k]![i]!)).toBeLessThan(
          1e-4 * (1 + Math.abs(cpu[k]![i]!)),
        );
      }
    }
  });
});
