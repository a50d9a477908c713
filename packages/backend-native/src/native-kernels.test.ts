import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { SNN_BATCH_NORM_GRAD } from '../../../internal/batch-norm-gradient-kernel';
import {
  SNN_BATCH_NORM_TRAIN,
  SNN_BATCH_NORM_TRAIN_GRAD,
  batchNormTrainKernel,
} from '../../../internal/batch-norm-train-kernel';
import { SNN_DENSE, SNN_DENSE_GRAD, denseKernel } from '../../../internal/dense-kernel';
import { type DropoutMask, SNN_DROPOUT, applyDropoutMask } from '../../../internal/dropout-kernel';
import { SNN_HIGHWAY, SNN_HIGHWAY_GRAD, highwayGate } from '../../../internal/highway-kernel';
import {
  SNN_LAYER_NORM,
  SNN_LAYER_NORM_GRAD,
  layerNormKernel,
} from '../../../internal/layer-norm-kernel';
import { SNN_RANDOM_UNIFORM, uniformNoise } from '../../../internal/uniform-noise';
import {
  SNN_WEIGHT_NORM,
  SNN_WEIGHT_NORM_GRAD,
  weightNormKernel,
} from '../../../internal/weight-norm-kernel';
import { loadNativeAddon } from './native-addon';
import { useNativeBatchNormGradient, useNativeSeluGradient } from './native-gradients';
import { SNN_AXPY, nativeKernels } from './native-kernels';
import { NativeSgdOptimizer } from './native-sgd-optimizer';

const nativeAddon = await loadNativeAddon();

/**
 * This file's own native backend: a stock wasm instance whose kernels are the stock wasm ones
 * with the addon's in place, as @snn/runtime's `snn-native` is built on its `snn-wasm` kernels.
 */
const SNN_NATIVE = 'snn-native-test';

async function enableNative({ threads }: { threads: number }): Promise<void> {
  if (!nativeAddon.ok) throw new Error(nativeAddon.why);
  nativeAddon.addon.setThreads(threads);
  if (tf.findBackendFactory(SNN_NATIVE) != null) return;
  const instance = await tf.findBackendFactory('wasm')!();
  const base = tf.getKernelsForBackend('wasm').map((k) => ({ ...k, backendName: SNN_NATIVE }));
  for (const kernel of nativeKernels(base, nativeAddon.addon, SNN_NATIVE))
    tf.registerKernel(kernel);
  tf.registerBackend(SNN_NATIVE, () => instance, 0);
  useNativeSeluGradient(SNN_NATIVE);
  useNativeBatchNormGradient(SNN_NATIVE);
}

/** SELU's λ·α (Klambauer et al. 2017, eq. 14), as tfjs-core states it. */
const { SELU_SCALEALPHA } = tf.backend_util;

/** float32's unit roundoff. */
const EPS = 2 ** -24;

type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'leakyrelu' | 'sigmoid' | 'prelu';
const ACTIVATIONS: Activation[] = ['relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid', 'prelu'];

interface Case {
  m: number;
  n: number;
  k: number;
  batchA: number;
  batchB: number;
  transposeA: boolean;
  transposeB: boolean;
  /** 'column': one value per output column (native path); 'scalar': shape [1] (wasm path). */
  bias: 'none' | 'column' | 'scalar';
  activation: Activation | null;
}

/** Largest m·n·k·batch drawn: keeps the cpu reference (plain JavaScript) at seconds in all. */
const WORK_LIMIT = 4e7;

/**
 * 200 product shapes, each dimension log-uniform in [1, 1100] (small and large alike), redrawn
 * while the product is over {@link WORK_LIMIT}; every transpose flag; a third batched (batch 2–3,
 * sometimes broadcast from 1); half with a bias and/or a fused activation.
 */
function drawCases(count: number): Case[] {
  const u = tf.tidy(
    () => tf.randomUniform([count * 16, 9], 0, 1, 'float32', 1706).arraySync() as number[][],
  );
  const cases: Case[] = [];
  for (const row of u) {
    if (cases.length === count) break;
    const dim = (r: number) => Math.min(1100, Math.floor(Math.exp(r * Math.log(1101))));
    const [m, n, k] = [dim(row[0]!), dim(row[1]!), dim(row[2]!)];
    const batched = row[3]! < 1 / 3;
    const batchA = batched ? (row[4]! < 0.25 ? 1 : 2 + Math.floor(row[4]! * 2)) : 1;
    const batchB = batched ? (row[4]! > 0.75 ? 1 : Math.max(batchA, 2)) : 1;
    if (m * n * k * Math.max(batchA, batchB) > WORK_LIMIT) continue;
    const flags = Math.floor(row[5]! * 4);
    const fused = row[6]! < 0.5;
    cases.push({
      m,
      n,
      k,
      batchA,
      batchB,
      transposeA: (flags & 1) === 1,
      transposeB: (flags & 2) === 2,
      bias: !fused ? 'none' : row[7]! < 0.15 ? 'scalar' : row[7]! < 0.7 ? 'column' : 'none',
      activation: !fused
        ? null
        : row[8]! < 0.3
          ? 'linear'
          : ACTIVATIONS[Math.floor(((row[8]! - 0.3) / 0.7) * ACTIVATIONS.length)]!,
    });
  }
  return cases;
}

/** The operands of a case, uniform in [−1, 1], and the product on the current backend. */
function product(c: Case, data: Float32Array[]): tf.Tensor {
  return tf.tidy(() => {
    const shapeA = c.transposeA ? [c.k, c.m] : [c.m, c.k];
    const shapeB = c.transposeB ? [c.n, c.k] : [c.k, c.n];
    const batched = c.batchA > 1 || c.batchB > 1;
    const a = tf.tensor(data[0]!, batched ? [c.batchA, ...shapeA] : shapeA);
    const b = tf.tensor(data[1]!, batched ? [c.batchB, ...shapeB] : shapeB);
    if (c.activation == null && c.bias === 'none') {
      return tf.matMul(a, b, c.transposeA, c.transposeB);
    }
    const bias =
      c.bias === 'none'
        ? undefined
        : c.bias === 'column'
          ? tf.tensor(data[2]!, [c.n])
          : tf.tensor(data[2]!.subarray(0, 1), [1]);
    return tf.fused.matMul({
      a: a as tf.Tensor3D,
      b: b as tf.Tensor3D,
      transposeA: c.transposeA,
      transposeB: c.transposeB,
      bias,
      activation: c.activation ?? 'linear',
      preluActivationWeights: c.activation === 'prelu' ? tf.tensor(data[3]!, [c.n]) : undefined,
      leakyreluAlpha: 0.1,
    });
  });
}

function operands(c: Case, seed: number): Float32Array[] {
  return tf.tidy(() =>
    [c.batchA * c.m * c.k, c.batchB * c.k * c.n, c.n, c.n].map(
      (size, i) =>
        tf.randomUniform([size], -1, 1, 'float32', seed * 4 + i).dataSync() as Float32Array,
    ),
  );
}

/**
 * Σₖ |a||b| + |bias| per output: the scale of each result's rounding error. Summing k products
 * in two orders differs by about √k·ε·Σ|a||b| for random rounding errors (Higham & Mary 2019,
 * probabilistic error analysis), far below it in practice; 8√k·ε·scale leaves room for it while
 * a wrong operand, transpose or bias misses by O(1).
 */
function errorScale(c: Case, data: Float32Array[]): Float32Array {
  return tf.tidy(() => {
    const abs = data.map((d) => new Float32Array(d.map(Math.abs)));
    const bias = c.bias === 'none' ? [new Float32Array(c.n)] : [abs[2]!];
    const scaled: Case = {
      ...c,
      activation: 'linear',
      bias: c.bias === 'none' ? 'column' : c.bias,
    };
    return product(scaled, [abs[0]!, abs[1]!, ...bias, abs[3]!]).dataSync() as Float32Array;
  });
}

const describeNative = nativeAddon.ok ? describe : describe.skip;
const skipNote = nativeAddon.ok ? '' : ` [skipped: ${nativeAddon.why}]`;

describeNative(`snn-native matrix products${skipNote}`, () => {
  it('match the cpu backend on 200 random shapes, transposes, biases and activations', async () => {
    await enableNative({ threads: 2 });
    await tf.setBackend('cpu');
    const cases = drawCases(200);
    expect(cases).toHaveLength(200);
    // Every transpose flag, batched and fused cases, and each dimension up to its upper end.
    for (const [ta, tb] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ]) {
      expect(cases.some((c) => c.transposeA === ta && c.transposeB === tb)).toBe(true);
    }
    expect(cases.some((c) => c.batchA !== c.batchB)).toBe(true);
    for (const dim of ['m', 'n', 'k'] as const) {
      expect(Math.max(...cases.map((c) => c[dim]))).toBeGreaterThan(700);
      expect(Math.min(...cases.map((c) => c[dim]))).toBe(1);
    }
    const failures: string[] = [];
    for (const [index, c] of cases.entries()) {
      await tf.setBackend('cpu');
      const data = operands(c, index);
      const scale = errorScale(c, data);
      const expected = tf.tidy(() => product(c, data).dataSync());
      await tf.setBackend(SNN_NATIVE);
      const before = tf.memory().numTensors;
      const out = product(c, data);
      const got = await out.data();
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(got.length).toBe(expected.length);
      const tolerance = 8 * Math.sqrt(Math.max(c.k, 1)) * EPS;
      for (let i = 0; i < got.length; i++) {
        const bound = tolerance * scale[i % scale.length]! + 4 * EPS * Math.abs(expected[i]!);
        if (!(Math.abs(got[i]! - expected[i]!) <= bound)) {
          failures.push(`${JSON.stringify(c)}: [${i}] ${got[i]} vs cpu ${expected[i]}`);
          break;
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("runs Selu's gradient as the one SnnSeluGrad kernel on its backend, and tfjs's own elsewhere", async () => {
    await enableNative({ threads: 1 });
    const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2]);
    const kernelsOfGrad = async () =>
      (await tf.profile(() => tf.grad((t: tf.Tensor) => tf.selu(t))(x))).kernelNames;
    await tf.setBackend(SNN_NATIVE);
    expect(await kernelsOfGrad()).toContain('SnnSeluGrad');
    await tf.setBackend('cpu');
    expect(await kernelsOfGrad()).not.toContain('SnnSeluGrad');
    x.dispose();
  });

  it('keeps the tensor count stable over repeated training steps', async () => {
    await enableNative({ threads: 1 });
    await tf.setBackend(SNN_NATIVE);
    const w = tf.variable(tf.randomNormal([32, 16], 0, 0.2, 'float32', 1));
    const b = tf.variable(tf.zeros([16]));
    const x = tf.randomNormal([8, 32], 0, 1, 'float32', 2);
    const optimizer = new NativeSgdOptimizer(0.01);
    // SGD's update through the native kernel, the gradients through SnnSeluGrad.
    const step = () =>
      optimizer.minimize(
        () => tf.mean(tf.square(tf.selu(tf.fused.matMul({ a: x, b: w, bias: b })))),
        false,
        [w, b],
      );
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, b, x]);
    optimizer.dispose();
  });

  it('sums over leading axes as stock wasm does bit for bit, and as the float64 formula', async () => {
    await enableNative({ threads: 1 });
    // Leading axes (the native path: bias gradients, batch norm, weight norm) and others.
    const cases: Array<[number[], number | number[]]> = [
      [[32, 256], 0],
      [
        [32, 1, 1, 256],
        [0, 1, 2],
      ],
      [[256, 256], [0]],
      [[1000, 3], 0],
      [[7, 5, 3], -3],
      [
        [7, 5, 3],
        [0, 1],
      ],
      [
        [7, 5, 3],
        [1, 0],
      ],
      [[7, 5, 3], 1],
      [
        [7, 5],
        [0, 1],
      ],
    ];
    for (const [shape, axis] of cases) {
      const size = shape.reduce((p, s) => p * s, 1);
      const values = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 2);
      for (const keepDims of [false, true]) {
        const sum = () => tf.sum(tf.tensor(values, shape), axis, keepDims);
        await tf.setBackend('wasm');
        const stock = tf.tidy(() => sum().dataSync() as Float32Array);
        await tf.setBackend(SNN_NATIVE);
        const before = tf.memory().numTensors;
        const native = tf.tidy(() => {
          const out = sum();
          return { shape: out.shape, data: out.dataSync() as Float32Array };
        });
        expect(tf.memory().numTensors).toBe(before);
        const label = `${shape} over ${axis}, keepDims ${keepDims}`;
        const axes = (Array.isArray(axis) ? axis : [axis]).map((a) =>
          a < 0 ? a + shape.length : a,
        );
        expect(native.shape, label).toEqual(
          keepDims
            ? shape.map((s, i) => (axes.includes(i) ? 1 : s))
            : shape.filter((_, i) => !axes.includes(i)),
        );
        expect(Array.from(native.data), label).toEqual(Array.from(stock));
        if (axes.every((a, i) => a === i)) {
          // The formula, column by column: |error| ≤ (rows − 1)·ε·Σ|x| for sequential float32 sums.
          const cols = native.data.length;
          const rows = size / cols;
          for (let c = 0; c < cols; c++) {
            let exact = 0;
            let magnitude = 0;
            for (let j = 0; j < rows; j++) {
              exact += values[j * cols + c]!;
              magnitude += Math.abs(values[j * cols + c]!);
            }
            expect(Math.abs(native.data[c]! - exact), label).toBeLessThanOrEqual(
              (rows - 1) * EPS * magnitude,
            );
          }
        }
      }
    }
  });

  /**
   * Runs `run(fused)` on stock wasm (which lacks the fused kernels: the composite), as the
   * composite on this backend and fused on it, expects all three equal bit for bit, the tensor
   * count stable, the kernels `used` run and `absent` not; returns the fused values. With
   * `products`, the composite has matrix products, which stock wasm computes with another BLAS
   * (XNNPACK): the fused values are then compared with this backend's composite only.
   */
  async function fusedLikeComposite(
    label: string,
    run: (fused: boolean) => number[][],
    used: string[],
    absent: string[],
    products = false,
  ): Promise<number[][]> {
    await tf.setBackend('wasm');
    const stock = products ? null : run(true);
    await tf.setBackend(SNN_NATIVE);
    const composite = run(false);
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => {
      run(true);
    });
    expect(tf.memory().numTensors, label).toBe(before);
    const fused = run(true);
    // Bit patterns (signed zeros count); a count, so that a mismatch reports fast.
    const differing = (a: number[][], b: number[][]) =>
      a.reduce((n, values, i) => n + values.filter((v, j) => !Object.is(v, b[i]?.[j])).length, 0);
    expect(
      fused.map((v) => v.length),
      label,
    ).toEqual(composite.map((v) => v.length));
    expect(differing(fused, composite), label).toBe(0);
    if (stock !== null) expect(differing(fused, stock), label).toBe(0);
    const kernels = new Set(profile.kernelNames);
    expect(
      used.every((k) => kernels.has(k)),
      label,
    ).toBe(true);
    expect(
      absent.some((k) => kernels.has(k)),
      label,
    ).toBe(false);
    return fused;
  }

  it("runs a linear dense layer's product (bias fused or added) and its gradients as one kernel each, the composite bit for bit", async () => {
    await enableNative({ threads: 1 });
    // rows × in → out: the grid's hidden and first layers, a partial batch, odd and empty sizes.
    const shapes: Array<[number, number, number]> = [
      [32, 256, 256],
      [32, 30, 256],
      [17, 256, 2],
      [1, 5, 3],
      [300, 7, 1],
      [4, 0, 3],
    ];
    for (const [[rows, inner, out], biasAdded] of shapes.flatMap((shape) =>
      [false, true].map((added) => [shape, added] as const),
    )) {
      const x = Float32Array.from({ length: rows * inner }, (_, i) => Math.sin(i * 12.9898) * 2);
      const w = Float32Array.from({ length: inner * out }, (_, i) => Math.cos(i * 4.1414) / 8);
      const b = Float32Array.from({ length: out }, (_, i) => Math.sin(i * 7.7) / 4);
      const r = Float32Array.from({ length: rows * out }, (_, i) => Math.sin(i * 78.233) * 2);
      const run = (fused: boolean) =>
        tf.tidy(() => {
          const [xt, wt, bt, rt] = [
            tf.tensor2d(x, [rows, inner]),
            tf.tensor2d(w, [inner, out]),
            tf.tensor1d(b),
            tf.tensor2d(r, [rows, out]),
          ];
          const y = denseKernel(xt, wt, bt, { biasAdded, fused });
          // A loss whose gradient in y is r.
          const grads = tf.grads((a: tf.Tensor, k: tf.Tensor, c: tf.Tensor) =>
            tf.sum(
              tf.mul(
                denseKernel(a as tf.Tensor2D, k as tf.Tensor2D, c as tf.Tensor1D, {
                  biasAdded,
                  fused,
                }),
                rt,
              ),
            ),
          )([xt, wt, bt]);
          return [y, ...grads].map((t) => Array.from(t.dataSync()));
        });
      const label = `x [${rows}, ${inner}] · W [${inner}, ${out}]${biasAdded ? ', bias added' : ''}`;
      const [y, dx, dw, db] = (await fusedLikeComposite(
        label,
        run,
        [SNN_DENSE, SNN_DENSE_GRAD],
        ['_FusedMatMul', 'BatchMatMul', 'Add'],
        true,
      )) as number[][];
      // And the formula in float64: y = x·W + b, dx = r·Wᵀ, dW = xᵀ·r, db = Σ_rows r; each a
      // sum of (terms + 1) float32 roundings: ≤ (terms + 2)·ε·Σ|term|.
      const check = (got: number, terms: number[], what: string) => {
        const exact = terms.reduce((p, t) => p + t, 0);
        const magnitude = terms.reduce((p, t) => p + Math.abs(t), 0);
        expect(Math.abs(got - exact), `${label} ${what}`).toBeLessThanOrEqual(
          (terms.length + 2) * EPS * magnitude,
        );
      };
      for (let i = 0; i < rows; i++) {
        for (let o = 0; o < out; o++) {
          const terms = Array.from(
            { length: inner },
            (_, k) => x[i * inner + k]! * w[k * out + o]!,
          );
          check(y![i * out + o]!, [...terms, b[o]!], 'y');
        }
        for (let k = 0; k < inner; k++) {
          const terms = Array.from({ length: out }, (_, o) => r[i * out + o]! * w[k * out + o]!);
          check(dx![i * inner + k]!, terms, 'dx');
        }
      }
      for (let k = 0; k < inner; k++) {
        for (let o = 0; o < out; o++) {
          const terms = Array.from({ length: rows }, (_, i) => x[i * inner + k]! * r[i * out + o]!);
          check(dw![k * out + o]!, terms, 'dW');
        }
      }
      for (let o = 0; o < out; o++) {
        check(
          db![o]!,
          Array.from({ length: rows }, (_, i) => r[i * out + o]!),
          'db',
        );
      }
    }
  });

  it('runs weight norm and its gradients as one kernel each, the composite bit for bit', async () => {
    await enableNative({ threads: 1 });
    const epsilon = 1e-12;
    // Network shapes (inputs × units), a thin and a tall one, odd sizes; a zero column in each.
    const shapes: Array<[number, number]> = [
      [30, 256],
      [256, 256],
      [256, 2],
      [1, 7],
      [1000, 3],
      [5, 1],
    ];
    for (const [rows, cols] of shapes) {
      const v = Float32Array.from({ length: rows * cols }, (_, i) =>
        i % cols === cols - 1 && cols > 1 ? 0 : Math.sin(i * 12.9898) * 10 ** ((i % 7) - 3),
      );
      const g = Float32Array.from({ length: cols }, (_, c) => Math.cos(c * 4.1414) * 3);
      const r = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 78.233) * 2);
      const run = (fused: boolean) =>
        tf.tidy(() => {
          const vt = tf.tensor2d(v, [rows, cols]);
          const gt = tf.tensor1d(g);
          const rt = tf.tensor2d(r, [rows, cols]);
          const w = weightNormKernel(vt, gt, epsilon, fused);
          // A loss whose gradient in w is r: d/dw Σ w·r = r.
          const [dv, dg] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(
              tf.mul(weightNormKernel(a as tf.Tensor2D, b as tf.Tensor1D, epsilon, fused), rt),
            ),
          )([vt, gt]);
          return [w, dv!, dg!].map((t) => Array.from(t.dataSync()));
        });
      const label = `v [${rows}, ${cols}]`;
      const fused = await fusedLikeComposite(
        label,
        run,
        [SNN_WEIGHT_NORM, SNN_WEIGHT_NORM_GRAD],
        ['Sqrt', 'Square'],
      );
      // And the formula in float64: w = v·g/‖v‖, dg = Σ r·v/‖v‖, dv = g·(r − w·(Σ r·w)/g²)/‖v‖.
      for (let c = 0; c < cols; c++) {
        let squares = 0;
        let rv = 0;
        for (let j = 0; j < rows; j++) {
          squares += v[j * cols + c]! ** 2;
          rv += r[j * cols + c]! * v[j * cols + c]!;
        }
        const norm = Math.sqrt(squares + Math.fround(epsilon));
        if (squares === 0) continue;
        // Each result is a handful of float32 roundings of sums over `rows` terms.
        const tolerance = (rows + 8) * EPS;
        expect(Math.abs(fused[2]![c]! - rv / norm), label).toBeLessThanOrEqual(
          (tolerance * (Math.abs(rv) + Math.sqrt(squares) * rows)) / norm + 1e-30,
        );
        for (let j = 0; j < rows; j++) {
          const i = j * cols + c;
          const w = (v[i]! * g[c]!) / norm;
          expect(Math.abs(fused[0]![i]! - w), label).toBeLessThanOrEqual(
            tolerance * Math.abs(w) + 1e-30,
          );
          const dv = (g[c]! / norm) * (r[i]! - (v[i]! * rv) / squares);
          const scale =
            (Math.abs(g[c]!) / norm) * (Math.abs(r[i]!) + Math.abs(v[i]! * rv) / squares);
          expect(Math.abs(fused[1]![i]! - dv), label).toBeLessThanOrEqual(
            tolerance * scale + 1e-30,
          );
        }
      }
    }
  });

  it('runs layer norm and its gradients as one kernel each, the composite bit for bit', async () => {
    await enableNative({ threads: 1 });
    const epsilon = 1e-3;
    // Batch × features of the grid (32 × 256), odd sizes, one feature, one row, a constant row.
    const shapes: Array<[number, number]> = [
      [32, 256],
      [7, 33],
      [5, 1],
      [1, 300],
      [64, 3],
    ];
    for (const [rows, cols] of shapes) {
      const x = Float32Array.from({ length: rows * cols }, (_, i) =>
        Math.floor(i / cols) === 1 ? 0.25 : Math.sin(i * 12.9898) * 10 ** ((i % 5) - 2),
      );
      const gamma = Float32Array.from({ length: cols }, (_, c) => 1 + Math.cos(c * 4.1414) / 2);
      const beta = Float32Array.from({ length: cols }, (_, c) => Math.sin(c * 7.7) / 4);
      const r = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 78.233) * 2);
      const run = (fused: boolean) =>
        tf.tidy(() => {
          const [xt, gt, bt] = [
            tf.tensor2d(x, [rows, cols]),
            tf.tensor1d(gamma),
            tf.tensor1d(beta),
          ];
          const rt = tf.tensor2d(r, [rows, cols]);
          const y = layerNormKernel(xt, gt, bt, epsilon, fused);
          // A loss whose gradient in y is r; x also passes a Dense-like product before the layer
          // norm in real networks, which does not change what reaches x here.
          const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
            tf.sum(tf.mul(layerNormKernel(a, b, c, epsilon, fused), rt)),
          )([xt, gt, bt]);
          return [y, ...grads].map((t) => Array.from(t!.dataSync()));
        });
      const label = `x [${rows}, ${cols}]`;
      const fused = await fusedLikeComposite(
        label,
        run,
        [SNN_LAYER_NORM, SNN_LAYER_NORM_GRAD],
        ['Mean', 'Rsqrt'],
      );
      // And the formula in float64: y = n·γ + β, dβ = Σ r, dγ = Σ r·n, and per row
      // dx = (γr − mean(γr) − n·mean(γr·n)) / √(σ² + ε), n = (x − μ)/√(σ² + ε).
      const dgamma = new Float64Array(cols);
      const dbeta = new Float64Array(cols);
      const dgammaMagnitude = new Float64Array(cols);
      const dbetaMagnitude = new Float64Array(cols);
      for (let j = 0; j < rows; j++) {
        const row = Array.from(x.subarray(j * cols, (j + 1) * cols));
        const mu = row.reduce((p, v) => p + v, 0) / cols;
        const variance = row.reduce((p, v) => p + (v - mu) ** 2, 0) / cols;
        const root = Math.sqrt(variance + Math.fround(epsilon));
        const n = row.map((v) => (v - mu) / root);
        const gr = n.map((_, k) => gamma[k]! * r[j * cols + k]!);
        const meanGr = gr.reduce((p, v) => p + v, 0) / cols;
        const meanGrN = gr.reduce((p, v, k) => p + v * n[k]!, 0) / cols;
        const magnitude = gr.reduce((p, v) => p + Math.abs(v), 0) / cols;
        // A handful of float32 roundings of sums over `cols` terms, relative to their magnitudes.
        const tolerance = (cols + 16) * EPS;
        for (let k = 0; k < cols; k++) {
          const i = j * cols + k;
          const y = n[k]! * gamma[k]! + beta[k]!;
          expect(Math.abs(fused[0]![i]! - y), label).toBeLessThanOrEqual(
            tolerance * (Math.abs(n[k]! * gamma[k]!) + Math.abs(beta[k]!)) * 4 + 1e-30,
          );
          const dx = (gr[k]! - meanGr - n[k]! * meanGrN) / root;
          const scale = (Math.abs(gr[k]!) + magnitude * (1 + Math.abs(n[k]!) ** 2)) / root;
          expect(Math.abs(fused[1]![i]! - dx), label).toBeLessThanOrEqual(tolerance * scale * 4);
          dgamma[k] += r[i]! * n[k]!;
          dbeta[k] += r[i]!;
          dgammaMagnitude[k] += Math.abs(r[i]! * n[k]!);
          dbetaMagnitude[k] += Math.abs(r[i]!);
        }
      }
      // Sums over rows of terms each within a few roundings of n's: ≤ (rows + cols + 32)·ε·Σ|term|.
      for (let k = 0; k < cols; k++) {
        expect(Math.abs(fused[2]![k]! - dgamma[k]!), label).toBeLessThanOrEqual(
          (rows + cols + 32) * EPS * dgammaMagnitude[k]!,
        );
        expect(Math.abs(fused[3]![k]! - dbeta[k]!), label).toBeLessThanOrEqual(
          rows * EPS * dbetaMagnitude[k]!,
        );
      }
    }
  });

  it("runs batch norm's five gradients as one kernel, tfjs's gradient bit for bit", async () => {
    await enableNative({ threads: 1 });
    const epsilon = 1e-3;
    const shapes: Array<[number, number]> = [
      [32, 256],
      [7, 33],
      [1, 5],
      [300, 2],
    ];
    for (const [rows, cols] of shapes) {
      const values = (length: number, seed: number, scale = 1) =>
        Float32Array.from({ length }, (_, i) => Math.sin(i * 12.9898 + seed) * scale);
      const x = values(rows * cols, 1, 3);
      const r = values(rows * cols, 2);
      const mean = values(cols, 3);
      const variance = Float32Array.from(values(cols, 4), (v) => v * v + 0.01);
      const scale = Float32Array.from(values(cols, 5), (v) => 1 + v / 2);
      const offset = values(cols, 6);
      const label = `x [${rows}, ${cols}]`;
      // Independent inputs (all five gradients), and the training form, where mean and variance
      // are x's moments (as tfjs-layers trains). (tfjs 4.22 cannot record a batch norm without a
      // scale: its gradient saves the missing input.)
      const run = () =>
        tf.tidy(() => {
          const [xt, mt, vt, st, ot] = [
            tf.tensor2d(x, [rows, cols]),
            tf.tensor1d(mean),
            tf.tensor1d(variance),
            tf.tensor1d(scale),
            tf.tensor1d(offset),
          ];
          const rt = tf.tensor2d(r, [rows, cols]);
          const loss = (y: tf.Tensor) => tf.sum(tf.mul(y, rt));
          const all = tf.grads(
            (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, s: tf.Tensor, o: tf.Tensor) =>
              loss(tf.batchNorm(a, m, v, o, s, epsilon)),
          )([xt, mt, vt, st, ot]);
          const training = tf.grads((a: tf.Tensor, s: tf.Tensor, o: tf.Tensor) => {
            const moments = tf.moments(a, [0]);
            return loss(tf.batchNorm(a, moments.mean, moments.variance, o, s, epsilon));
          })([xt, st, ot]);
          return [...all, ...training].map((t) => Array.from(t.dataSync()));
        });
      await tf.setBackend('wasm');
      const stock = run();
      await tf.setBackend(SNN_NATIVE);
      const before = tf.memory().numTensors;
      const profile = await tf.profile(() => {
        run();
      });
      expect(tf.memory().numTensors, label).toBe(before);
      const native = run();
      expect(native, label).toEqual(stock);
      expect(profile.kernels.filter((k) => k.name === SNN_BATCH_NORM_GRAD).length, label).toBe(2);
      expect(profile.kernelNames.includes('Tile'), label).toBe(false);
      // The independent-input gradients against the formula in float64, r_c = (v_c + ε)^(−1/2):
      // dx = dy·r·s, dm = Σ −r·s·dy, dv = Σ −½r³·(x − m)·s·dy, ds = Σ dy·(x − m)·r, do = Σ dy.
      const [dx, dm, dv, ds, dOffset] = native as number[][];
      for (let c = 0; c < cols; c++) {
        const rc = 1 / Math.sqrt(variance[c]! + Math.fround(epsilon));
        const sums = [0, 0, 0, 0];
        const magnitudes = [0, 0, 0, 0];
        for (let j = 0; j < rows; j++) {
          const i = j * cols + c;
          const centred = x[i]! - mean[c]!;
          const exact = rc * scale[c]! * r[i]!;
          expect(Math.abs(dx![i]! - exact), label).toBeLessThanOrEqual(8 * EPS * Math.abs(exact));
          const terms = [
            -rc * scale[c]! * r[i]!,
            -0.5 * rc ** 3 * centred * scale[c]! * r[i]!,
            r[i]! * centred * rc,
            r[i]!,
          ];
          terms.forEach((t, k) => {
            sums[k] += t;
            magnitudes[k] += Math.abs(t);
          });
        }
        // Sums over rows of terms with a few roundings each: ≤ (rows + 8)·ε·Σ|term|.
        [dm, dv, ds, dOffset].forEach((got, k) => {
          expect(Math.abs(got![c]! - sums[k]!), `${label} gradient ${k + 1}`).toBeLessThanOrEqual(
            (rows + 8) * EPS * magnitudes[k]!,
          );
        });
      }
    }
  });

  it("runs a batch-norm layer's training step and its gradients as one kernel each, the composite bit for bit", async () => {
    await enableNative({ threads: 1 });
    const epsilon = 1e-3;
    const momentum = 0.99;
    // Batch × features of the grid (32 × 256), a partial last batch, odd sizes, one row (zero
    // variance), many rows; a constant column in each.
    const shapes: Array<[number, number]> = [
      [32, 256],
      [17, 33],
      [1, 5],
      [300, 2],
    ];
    for (const [rows, cols] of shapes) {
      const x = Float32Array.from({ length: rows * cols }, (_, i) =>
        i % cols === 1 ? 0.25 : Math.max(0, Math.sin(i * 12.9898) * 10 ** ((i % 5) - 2)),
      );
      const perFeature = (seed: number, f: (v: number) => number) =>
        Float32Array.from({ length: cols }, (_, c) => f(Math.sin(c * 4.1414 + seed)));
      const gamma = perFeature(1, (v) => 1 + v / 2);
      const beta = perFeature(2, (v) => v / 4);
      const movingMean = perFeature(3, (v) => v);
      const movingVariance = perFeature(4, (v) => 1 + v * v);
      const r = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 78.233) * 2);
      const run = (fused: boolean) =>
        tf.tidy(() => {
          const xt = tf.tensor2d(x, [rows, cols]);
          const [gt, bt, mt, vt] = [gamma, beta, movingMean, movingVariance].map((v) =>
            tf.tensor1d(v),
          ) as tf.Tensor1D[];
          const rt = tf.tensor2d(r, [rows, cols]);
          const step = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
            batchNormTrainKernel(
              a as tf.Tensor2D,
              {
                gamma: g as tf.Tensor1D,
                beta: b as tf.Tensor1D,
                movingMean: mt!,
                movingVariance: vt!,
              },
              epsilon,
              momentum,
              fused,
            );
          const outputs = step(xt, gt!, bt!);
          // A loss whose gradient in y is r.
          const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
            tf.sum(tf.mul(step(a, g, b)[0], rt)),
          )([xt, gt!, bt!]);
          return [...outputs, ...grads].map((t) => Array.from(t.dataSync()));
        });
      const label = `x [${rows}, ${cols}]`;
      const fused = await fusedLikeComposite(
        label,
        run,
        [SNN_BATCH_NORM_TRAIN, SNN_BATCH_NORM_TRAIN_GRAD],
        ['Mean', 'FusedBatchNorm', SNN_BATCH_NORM_GRAD],
      );
      const [y, nextMean, nextVariance, dx, dgamma, dbeta] = fused as number[][];
      // And the formula in float64, per column: y = n·γ + β with n = (x − m)/√(v + ε);
      // m̄' = m̄ − (m̄ − m)·(1 − momentum) (and v̄'); dβ = Σ r, dγ = Σ r·n,
      // dx = γ·(r − mean(r) − n·mean(r·n)) / √(v + ε).
      const decay = Math.fround(1 - momentum);
      for (let c = 0; c < cols; c++) {
        const column = Array.from({ length: rows }, (_, j) => x[j * cols + c]!);
        const rc = Array.from({ length: rows }, (_, j) => r[j * cols + c]!);
        const m = column.reduce((p, v) => p + v, 0) / rows;
        const v = column.reduce((p, t) => p + (t - m) ** 2, 0) / rows;
        const root = Math.sqrt(v + Math.fround(epsilon));
        const n = column.map((t) => (t - m) / root);
        const meanR = rc.reduce((p, t) => p + t, 0) / rows;
        const meanRn = rc.reduce((p, t, j) => p + t * n[j]!, 0) / rows;
        const magnitude = rc.reduce((p, t) => p + Math.abs(t), 0) / rows;
        // A handful of float32 roundings of sums over `rows` terms, relative to their magnitudes.
        const tolerance = (rows + 16) * EPS;
        const scale = column.reduce((p, t) => p + Math.abs(t), 0) / rows + Math.abs(m);
        for (const [got, previous, value] of [
          [nextMean, movingMean, m],
          [nextVariance, movingVariance, v],
        ] as const) {
          const expected = previous[c]! - (previous[c]! - value) * decay;
          expect(Math.abs(got[c]! - expected), label).toBeLessThanOrEqual(
            tolerance * (Math.abs(previous[c]!) + Math.abs(value) + scale * scale) * 4,
          );
        }
        let sumR = 0;
        let sumRn = 0;
        let sumRnMagnitude = 0;
        for (let j = 0; j < rows; j++) {
          const i = j * cols + c;
          const expected = n[j]! * gamma[c]! + beta[c]!;
          expect(Math.abs(y[i]! - expected), label).toBeLessThanOrEqual(
            tolerance * (Math.abs(n[j]! * gamma[c]!) + Math.abs(beta[c]!)) * 4 + 1e-30,
          );
          const exactDx = (gamma[c]! * (rc[j]! - meanR - n[j]! * meanRn)) / root;
          const dxScale =
            (Math.abs(gamma[c]!) * (Math.abs(rc[j]!) + magnitude * (1 + n[j]! ** 2))) / root;
          expect(Math.abs(dx[i]! - exactDx), label).toBeLessThanOrEqual(tolerance * dxScale * 4);
          sumR += rc[j]!;
          sumRn += rc[j]! * n[j]!;
          sumRnMagnitude += Math.abs(rc[j]! * n[j]!);
        }
        expect(Math.abs(dbeta[c]! - sumR), label).toBeLessThanOrEqual(
          rows * EPS * magnitude * rows,
        );
        expect(Math.abs(dgamma[c]! - sumRn), label).toBeLessThanOrEqual(
          (rows + 32) * EPS * sumRnMagnitude,
        );
      }
    }
  });

  it("draws seeded uniform noise in one kernel, tfjs's seeded randomUniform bit for bit", async () => {
    await enableNative({ threads: 1 });
    // Numbers, the per-step seeds of the dropout layers ("<seed>/<step>"), long and non-ASCII
    // strings; a mask's shape, odd and empty shapes.
    const seeds: Array<number | string> = [
      0,
      1,
      42,
      2 ** 31 + 5,
      0.5,
      -3,
      '7/0',
      '1841357456/9999',
      'ä→😀',
      'x'.repeat(300),
    ];
    const shapes = [[32, 256], [7, 3, 5], [1], [0, 4]];
    for (const seed of seeds) {
      for (const shape of shapes) {
        const label = `seed ${String(seed).slice(0, 20)}, shape [${shape}]`;
        await tf.setBackend('cpu');
        const stock = tf.tidy(() =>
          Array.from(tf.randomUniform(shape, 0, 1, 'float32', seed).dataSync()),
        );
        await tf.setBackend(SNN_NATIVE);
        const before = tf.memory().numTensors;
        const profile = await tf.profile(() => {
          uniformNoise(shape, seed).dispose();
        });
        expect(profile.kernelNames, label).toEqual([SNN_RANDOM_UNIFORM]);
        const native = tf.tidy(() => {
          const noise = uniformNoise(shape, seed);
          return { shape: noise.shape, dtype: noise.dtype, values: Array.from(noise.dataSync()) };
        });
        expect(tf.memory().numTensors, label).toBe(before);
        expect(native.shape, label).toEqual(shape);
        expect(native.dtype, label).toBe('float32');
        expect(native.values, label).toEqual(stock);
      }
    }
    // Without a seed: fresh noise from tfjs, in [0, 1).
    const fresh = tf.tidy(() => Array.from(uniformNoise([1000], undefined).dataSync()));
    expect(fresh.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(fresh).size).toBeGreaterThan(990);
  });

  it('applies dropout masks and their gradients as one kernel each, the composites bit for bit', async () => {
    await enableNative({ threads: 1 });
    // SNN's alpha dropout (λ, α of SELU; a, b, α′ as @snn/selu derives them for rate 0.1 are any
    // float32 numbers here) and inverted dropout at the grid's rates; signed zeros in dy.
    const masks: DropoutMask[] = [
      { kind: 'alpha', rate: 0.05, a: 0.9733, b: -0.0811, dropped: -1.4587 },
      { kind: 'alpha', rate: 0.1, a: 0.9505, b: 0.1653, dropped: -1.2198 },
      { kind: 'inverted', rate: 0.5 },
      { kind: 'inverted', rate: 0.2 },
      { kind: 'inverted', rate: 0 },
    ];
    for (const mask of masks) {
      for (const shape of [[32, 256], [7, 3], [1]]) {
        const size = shape.reduce((p, d) => p * d, 1);
        const x = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 3);
        const dy = Float32Array.from({ length: size }, (_, i) =>
          i % 7 === 0 ? -0 : Math.cos(i * 4.1),
        );
        const run = () =>
          tf.tidy(() => {
            const noise = uniformNoise(shape, `5/${size}`);
            const xt = tf.tensor(x, shape);
            const dyt = tf.tensor(dy, shape);
            const y = applyDropoutMask(xt, noise, mask);
            const dx = tf.grad((a: tf.Tensor) =>
              tf.sum(tf.mul(applyDropoutMask(a, noise, mask), dyt)),
            )(xt);
            // dy·0 is −0 where dy is −0: compare the bits, not the numbers.
            return [y, dx].map((t) =>
              Array.from(new Uint32Array((t.dataSync() as Float32Array).buffer)),
            );
          });
        const label = `${mask.kind} ${mask.rate}, [${shape}]`;
        await tf.setBackend('wasm');
        const stock = run();
        await tf.setBackend(SNN_NATIVE);
        const before = tf.memory().numTensors;
        const profile = await tf.profile(() => {
          run();
        });
        expect(tf.memory().numTensors, label).toBe(before);
        expect(profile.kernelNames.includes(SNN_DROPOUT), label).toBe(true);
        expect(
          profile.kernelNames.includes('Select') || profile.kernelNames.includes('Less'),
          label,
        ).toBe(false);
        expect(run(), label).toEqual(stock);
      }
    }
  });

  it("runs a highway layer's gate (ReLU, sigmoid, carry) and its gradients as one kernel each, the composite bit for bit", async () => {
    await enableNative({ threads: 1 });
    // The grid's hidden layer, odd and empty sizes; signed zeros, infinities and NaN on every input.
    const special = [0, -0, Infinity, -Infinity, Number.NaN, 1e30, -1e-30];
    const draw = (size: number, seed: number, scale: number) =>
      Float32Array.from({ length: size }, (_, i) =>
        i % 11 === seed % 11 ? special[(i + seed) % special.length]! : Math.sin(i * seed) * scale,
      );
    for (const shape of [
      [32, 256],
      [17, 3],
      [1, 1],
      [0, 4],
    ] as Array<[number, number]>) {
      const size = shape[0] * shape[1];
      const [c, h, g, r] = [draw(size, 3, 2), draw(size, 5, 3), draw(size, 7, 6), draw(size, 9, 1)];
      const run = (fused: boolean) =>
        tf.tidy(() => {
          const [ct, ht, gt, rt] = [c, h, g, r].map((v) => tf.tensor2d(v, shape));
          const y = highwayGate(ct!, ht!, gt!, fused);
          // A loss whose gradient in y is r; the carry's gradient sums two paths, as in a layer.
          const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, d: tf.Tensor) =>
            tf.sum(tf.mul(highwayGate(a, b, d, fused), rt!)),
          )([ct!, ht!, gt!]);
          return [y, ...grads].map((t) => Array.from(t.dataSync()));
        });
      const label = `highway gate [${shape}]`;
      const [y, dc, dh, dg] = (await fusedLikeComposite(
        label,
        run,
        [SNN_HIGHWAY, SNN_HIGHWAY_GRAD],
        ['Relu', 'Sigmoid', 'Sub', 'Step', 'Neg'],
      )) as number[][];
      // And the formula in float64 on finite values, with the float32 sigmoid t of this backend:
      // y = c + t·(h⁺ − c), dc = r − r·t, dh = r·t·[h > 0], dg = r·(h⁺ − c)·t·(1 − t); each
      // within (roundings + 1)·ε of the sum of its terms' magnitudes.
      const t = tf.tidy(() => Array.from(tf.sigmoid(tf.tensor1d(g)).dataSync()));
      for (let i = 0; i < size; i++) {
        const [ci, hi, gi, ri, ti] = [c[i]!, Math.max(h[i]!, 0), g[i]!, r[i]!, t[i]!];
        if (![ci, hi, gi, ri].every((v) => Number.isFinite(v) && Math.abs(v) < 1e6)) continue;
        const near = (
          got: number,
          exact: number,
          magnitude: number,
          roundings: number,
          what: string,
        ) =>
          expect(Math.abs(got - exact), `${label} ${what} [${i}]`).toBeLessThanOrEqual(
            (roundings + 1) * EPS * magnitude,
          );
        near(
          y![i]!,
          ci + ti * (hi - ci),
          Math.abs(ci) + ti * (Math.abs(hi) + Math.abs(ci)),
          3,
          'y',
        );
        near(dc![i]!, ri - ri * ti, Math.abs(ri) * (1 + ti), 2, 'dc');
        near(dh![i]!, h[i]! > 0 ? ri * ti : 0, Math.abs(ri) * ti, 2, 'dh');
        const slope = ti * (1 - ti);
        near(
          dg![i]!,
          ri * (hi - ci) * slope,
          Math.abs(ri) * (Math.abs(hi) + Math.abs(ci)) * slope,
          5,
          'dg',
        );
      }
    }
    // Differently shaped inputs take the composite (tfjs broadcasts them).
    await tf.setBackend(SNN_NATIVE);
    const profile = await tf.profile(() => {
      tf.tidy(() => highwayGate(tf.ones([4, 3]), tf.ones([4, 3]), tf.zeros([3])));
    });
    expect(profile.kernelNames.includes(SNN_HIGHWAY)).toBe(false);
  });

  it('refuses a second derivative through the weight-norm kernel, naming where to take it', async () => {
    await enableNative({ threads: 1 });
    await tf.setBackend(SNN_NATIVE);
    const v = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const g = tf.tensor1d([1, 1]);
    const second = () =>
      tf.grad((a: tf.Tensor) =>
        tf.sum(tf.grad((b: tf.Tensor) => tf.sum(weightNormKernel(b as tf.Tensor2D, g, 1e-12)))(a)),
      )(v);
    expect(second).toThrow(/second derivatives.*not available.*snn-wasm/);
    tf.dispose([v, g]);
  });

  /** Values on and around both sides of 0, large and tiny magnitudes, for the SELU tests. */
  const grid = [
    -100, -87.5, -20, -3, -1, -0.5, -0.36, -0.34, -1e-3, -1e-8, 0, 1e-8, 1e-3, 0.5, 2, 50,
  ];

  /** Runs `f` on the cpu backend and on snn-native and returns both results. */
  async function onBoth(f: () => tf.Tensor): Promise<[Float32Array, Float32Array]> {
    await tf.setBackend('cpu');
    const cpu = tf.tidy(() => f().dataSync() as Float32Array);
    await tf.setBackend(SNN_NATIVE);
    const native = tf.tidy(() => f().dataSync() as Float32Array);
    return [cpu, native];
  }

  it('computes SELU and its gradient as the cpu backend does, and a second derivative', async () => {
    await enableNative({ threads: 1 });
    const dy = grid.map((_, i) => 1 + i / 8);
    const first = () =>
      tf.grad((x: tf.Tensor) => tf.mul(tf.selu(x), tf.tensor(dy)))(tf.tensor(grid));
    for (const f of [() => tf.selu(tf.tensor(grid)), first]) {
      const [cpu, native] = await onBoth(f);
      for (let i = 0; i < grid.length; i++) {
        // eˣ and eˣ − 1 within a few float32 ulps; below e⁻⁸⁷ the native gradient flushes to 0.
        expect(Math.abs(native[i]! - cpu[i]!)).toBeLessThanOrEqual(
          4 * EPS * Math.abs(cpu[i]!) + 1e-37,
        );
      }
    }
    // tfjs-core's own SELU gradient has no second derivative (Greater has no gradient); the
    // native one has: d²selu/dx² = λα·eˣ for x ≤ 0, 0 for x > 0.
    const second = tf.tidy(() =>
      tf
        .grad((x: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.selu(u))(x))(tf.tensor(grid))
        .dataSync(),
    );
    for (let i = 0; i < grid.length; i++) {
      const x = grid[i]!;
      const expected = x > 0 ? 0 : SELU_SCALEALPHA * Math.exp(x);
      // Computed with snn-wasm's Exp kernel, which is within 1e-6 relative (its own tests).
      expect(Math.abs(second[i]! - expected)).toBeLessThanOrEqual(2e-6 * expected + 1e-37);
    }
    const [cpuNaN, nativeNaN] = await onBoth(() =>
      tf.selu(tf.tensor([Number.NaN, -Infinity, Infinity])),
    );
    expect(Array.from(nativeNaN)).toEqual(Array.from(cpuNaN));
  });

  it("updates SGD's weights in one kernel call as tfjs's SGD does, and counts the iteration", async () => {
    await enableNative({ threads: 1 });
    const run = (optimizer: tf.SGDOptimizer) => {
      const w = tf.variable(
        tf.tensor2d([
          [0.5, -1.25],
          [2, 0.125],
        ]),
        true,
        'sgd-w',
      );
      const b = tf.variable(tf.tensor1d([0.25, -0.5]), true, 'sgd-b');
      const x = tf.tensor2d([
        [1, 2],
        [-3, 0.5],
        [0.25, -1],
      ]);
      const loss = () => tf.mean(tf.square(tf.selu(tf.add(tf.matMul(x, w), b)))) as tf.Scalar;
      const cost = optimizer.minimize(loss, true, [w, b]);
      const out = [...w.dataSync(), ...b.dataSync(), cost!.dataSync()[0]!, optimizer.iterations];
      tf.dispose([w, b, x, cost!]);
      optimizer.dispose();
      return out;
    };
    await tf.setBackend('cpu');
    const cpu = run(tf.train.sgd(0.1));
    await tf.setBackend(SNN_NATIVE);
    const stock = run(tf.train.sgd(0.1));
    let native: number[] = [];
    const { kernels } = await tf.profile(() => {
      native = run(new NativeSgdOptimizer(0.1));
    });
    // Both variables' updates in one kernel call.
    expect(kernels.filter((k) => k.name === SNN_AXPY).length).toBe(1);
    expect(native[native.length - 1]).toBe(1);
    // tfjs's update on the same backend (Multiply, then Add) rounds the same way: bit for bit.
    expect(native).toEqual(stock);
    // The same float32 operations, summed in another order by the BLAS: a few ulps apart.
    for (let i = 0; i < cpu.length; i++) {
      expect(Math.abs(native[i]! - cpu[i]!)).toBeLessThanOrEqual(8 * EPS * Math.abs(cpu[i]!));
    }
  });

  it("takes tfjs's update off the native backend, and for other dtypes", async () => {
    await tf.setBackend('cpu');
    const w = tf.variable(tf.tensor1d([1, 2]), true, 'sgd-cpu-w');
    const optimizer = new NativeSgdOptimizer(0.5);
    const { kernelNames } = await tf.profile(() => {
      optimizer.applyGradients({ 'sgd-cpu-w': tf.tensor1d([2, -2]) });
    });
    expect(kernelNames).not.toContain(SNN_AXPY);
    expect(Array.from(w.dataSync())).toEqual([0, 3]);
    expect(optimizer.iterations).toBe(1);
    expect(optimizer.getClassName()).toBe('SGD');
    tf.dispose([w]);
    optimizer.dispose();
  });
});
