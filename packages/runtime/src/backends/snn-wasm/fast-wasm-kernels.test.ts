// Reference values: the matmul formula and its gradients in float64 (plain JS, below) and the tfjs
// cpu backend. For C = op(A)·op(B) and L = Σ C ⊙ G:
//   ∂L/∂op(A) = G·op(B)ᵀ,  ∂L/∂op(B) = op(A)ᵀ·G,  and ∂L/∂A = (∂L/∂op(A))ᵀ when A is transposed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients
import { beforeAll, describe, expect, it } from 'vitest';
import { SNN_WASM, enableFastWasm } from './enable-fast-wasm';
import { planMatMul } from './fast-wasm-kernels';

/** float32 tolerance for sums of K products of N(0, 1) numbers: |err| ≲ K·ε·Σ|aᵢbᵢ| ≪ 1e-4. */
const TOL = 1e-4;

type Case = { m: number; k: number; n: number; batch: number | null; ta: boolean; tb: boolean };

const CASES: Case[] = [];
// The last shape has a short M, so that the swapped form (Cᵀ = op(B)ᵀ·op(A)ᵀ) is chosen.
for (const [m, k, n] of [
  [5, 7, 3],
  [33, 65, 17],
  [6, 40, 50],
]) {
  for (const batch of [null, 1, 3]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) CASES.push({ m: m!, k: k!, n: n!, batch, ta, tb });
    }
  }
}

function shapeOf(rows: number, cols: number, transposed: boolean, batch: number | null) {
  const core = transposed ? [cols, rows] : [rows, cols];
  return batch == null ? core : [batch, ...core];
}

/** Deterministic N(0, 1)-like values (a fixed linear congruential sequence, Box–Muller). */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 1) / 2 ** 32;
  };
  for (let i = 0; i < size; i++)
    out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return out;
}

/** Element (b, i, j) of op(X) for X stored row-major with `shape` (rank 2 or 3). */
function at(
  x: Float32Array,
  shape: number[],
  transposed: boolean,
  b: number,
  i: number,
  j: number,
) {
  const rows = shape[shape.length - 2]!;
  const cols = shape[shape.length - 1]!;
  const base = shape.length === 3 ? b * rows * cols : 0;
  return transposed ? x[base + j * cols + i]! : x[base + i * cols + j]!;
}

/** float64 reference: C, ∂L/∂A, ∂L/∂B (in the stored layouts of A and B). */
function reference(c: Case, a: Float32Array, b: Float32Array, g: Float32Array) {
  const { m, k, n, ta, tb } = c;
  const batches = c.batch ?? 1;
  const aShape = shapeOf(m, k, ta, c.batch);
  const bShape = shapeOf(k, n, tb, c.batch);
  const out = new Float64Array(batches * m * n);
  const da = new Float64Array(a.length);
  const db = new Float64Array(b.length);
  for (let p = 0; p < batches; p++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += at(a, aShape, ta, p, i, q) * at(b, bShape, tb, p, q, j);
        out[p * m * n + i * n + j] = s;
      }
    }
    // ∂L/∂op(A)[i, q] = Σⱼ G[i, j]·op(B)[q, j]; stored at A[q, i] when A is transposed.
    for (let i = 0; i < m; i++) {
      for (let q = 0; q < k; q++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += g[p * m * n + i * n + j]! * at(b, bShape, tb, p, q, j);
        da[p * m * k + (ta ? q * m + i : i * k + q)] = s;
      }
    }
    // ∂L/∂op(B)[q, j] = Σᵢ op(A)[i, q]·G[i, j]; stored at B[j, q] when B is transposed.
    for (let q = 0; q < k; q++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += at(a, aShape, ta, p, i, q) * g[p * m * n + i * n + j]!;
        db[p * k * n + (tb ? j * k + q : q * n + j)] = s;
      }
    }
  }
  return { out, da, db };
}

function maxAbsDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  return worst;
}

function label(c: Case) {
  const batch = c.batch == null ? 'rank 2' : `batch ${c.batch}`;
  return `${c.m}×${c.k}·${c.k}×${c.n}, ${batch}, transposeA=${c.ta}, transposeB=${c.tb}`;
}

/** Product and gradients of L = Σ matMul(A, B) ⊙ G on `backend`. */
async function matMulAndGrads(
  backend: string,
  c: Case,
  a: Float32Array,
  b: Float32Array,
  g: Float32Array,
) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const [out, da, db] = tf.tidy(() => {
    const at = tf.tensor(a, shapeOf(c.m, c.k, c.ta, c.batch));
    const bt = tf.tensor(b, shapeOf(c.k, c.n, c.tb, c.batch));
    const gt = tf.tensor(g, c.batch == null ? [c.m, c.n] : [c.batch, c.m, c.n]);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, c.ta, c.tb), gt));
    const [ga, gb] = tf.grads(f)([at, bt]);
    return [tf.matMul(at, bt, c.ta, c.tb), ga!, gb!];
  });
  const result = { out: await out.data(), da: await da.data(), db: await db.data() };
  tf.dispose([out, da, db]);
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

describe(`BatchMatMul on '${SNN_WASM}'`, () => {
  beforeAll(async () => {
    await enableFastWasm({ threads: 1 });
  });

  for (const [index, c] of CASES.entries()) {
    it(`equals the float64 formula and the cpu backend: ${label(c)}`, async () => {
      const batches = c.batch ?? 1;
      const a = values(batches * c.m * c.k, 11 + index);
      const b = values(batches * c.k * c.n, 101 + index);
      const g = values(batches * c.m * c.n, 1001 + index);
      const want = reference(c, a, b, g);
      const fast = await matMulAndGrads(SNN_WASM, c, a, b, g);
      const cpu = await matMulAndGrads('cpu', c, a, b, g);
      expect(maxAbsDiff(fast.out, want.out)).toBeLessThan(TOL);
      expect(maxAbsDiff(fast.da, want.da)).toBeLessThan(TOL);
      expect(maxAbsDiff(fast.db, want.db)).toBeLessThan(TOL);
      expect(maxAbsDiff(fast.out, cpu.out)).toBeLessThan(TOL);
      expect(maxAbsDiff(fast.da, cpu.da)).toBeLessThan(TOL);
      expect(maxAbsDiff(fast.db, cpu.db)).toBeLessThan(TOL);
    });
  }
});

describe(`_FusedMatMul on '${SNN_WASM}'`, () => {
  beforeAll(async () => {
    await enableFastWasm({ threads: 1 });
  });

  const fused = async (
    backend: string,
    [m, k, n]: number[],
    ta: boolean,
    tb: boolean,
    activation: 'linear' | 'relu',
  ) => {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const a = tf.tensor(values(m! * k!, 5), ta ? [k!, m!] : [m!, k!]);
      const b = tf.tensor(values(k! * n!, 6), tb ? [n!, k!] : [k!, n!]);
      const bias = tf.tensor1d(values(n!, 7));
      const g = tf.tensor(values(m! * n!, 8), [m!, n!]);
      const f = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
        tf.sum(
          tf.mul(
            tf.fused.matMul({ a: x, b: y, bias: z, transposeA: ta, transposeB: tb, activation }),
            g,
          ),
        );
      const [ga, gb, gbias] = tf.grads(f)([a, b, bias]);
      const forward = tf.fused.matMul({ a, b, bias, transposeA: ta, transposeB: tb, activation });
      return [forward, ga!, gb!, gbias!].map((t) => Array.from(t.dataSync()));
    });
  };

  for (const shape of [
    [9, 14, 6],
    [4, 30, 40],
  ]) {
    for (const activation of ['linear', 'relu'] as const) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          it(`${shape.join('×')} with bias and ${activation}, transposeA=${ta}, transposeB=${tb}: equals the cpu backend`, async () => {
            const fast = await fused(SNN_WASM, shape, ta, tb, activation);
            const cpu = await fused('cpu', shape, ta, tb, activation);
            for (let i = 0; i < cpu.length; i++) {
              expect(maxAbsDiff(fast[i]!, cpu[i]!)).toBeLessThan(TOL);
            }
          });
        }
      }
    }
  }
});

describe('planMatMul', () => {
  const figure1 = { m: 128, k: 784, n: 784, aCached: false, bias: false, canSwap: true };
  it('swaps the forward product and dX = dY·Wᵀ of a training step, not dW = Xᵀ·dY', () => {
    const forward = {
      ...figure1,
      transposeA: false,
      transposeB: false,
      bCached: false,
      bias: true,
    };
    expect(planMatMul(forward)).toBe('swapped');
    expect(planMatMul({ ...figure1, transposeA: false, transposeB: true, bCached: false })).toBe(
      'swapped',
    );
    const dW = { ...figure1, m: 784, k: 128, transposeA: true, transposeB: false, bCached: false };
    expect(planMatMul(dW)).toBe('direct');
  });

  it('keeps the direct form for cached weights, large batches and fused activations', () => {
    const base = { ...figure1, transposeA: false, transposeB: false };
    expect(planMatMul({ ...base, bCached: true })).toBe('direct');
    expect(planMatMul({ ...base, m: 1024, bCached: false })).toBe('direct');
    expect(planMatMul({ ...base, bCached: false, canSwap: false })).toBe('direct');
  });
});

describe('stock wasm next to snn-wasm', () => {
  it('keeps its own kernels and still computes correct products after snn-wasm ran', async () => {
    const stock = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
    await enableFastWasm({ threads: 1 });
    expect(tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc).toBe(stock);
    expect(tf.getKernel('BatchMatMul', SNN_WASM)!.kernelFunc).not.toBe(stock);
    const c: Case = { m: 6, k: 4, n: 5, batch: null, ta: true, tb: true };
    const a = values(24, 1);
    const b = values(20, 2);
    const g = values(30, 3);
    const want = reference(c, a, b, g);
    for (const backend of [SNN_WASM, 'wasm', SNN_WASM, 'wasm']) {
      const got = await matMulAndGrads(backend, c, a, b, g);
      expect(maxAbsDiff(got.out, want.out)).toBeLessThan(TOL);
      expect(maxAbsDiff(got.da, want.da)).toBeLessThan(TOL);
    }
  });

  it('returns the same name when enabled twice, and rejects another thread count', async () => {
    expect(await enableFastWasm({ threads: 1 })).toBe(SNN_WASM);
    expect(await enableFastWasm()).toBe(SNN_WASM);
    await expect(enableFastWasm({ threads: 2 })).rejects.toThrow(/already enabled with 1 thread/);
    await expect(enableFastWasm({ threads: 0 })).rejects.toThrow(/`threads` must be an integer/);
  });

  it('clones by sharing memory, and a clone outlives its source', async () => {
    await enableFastWasm({ threads: 1 });
    await tf.setBackend(SNN_WASM);
    const before = tf.memory().numTensors;
    const a = tf.tensor2d([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tf.clone(a);
    expect(tf.memory().numBytes).toBeGreaterThan(0);
    a.dispose();
    expect(Array.from(await b.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.shape).toEqual([2, 3]);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts over after tf.removeBackend', async () => {
    await enableFastWasm({ threads: 1 });
    await tf.setBackend('cpu');
    tf.removeBackend(SNN_WASM);
    expect(await enableFastWasm({ threads: 1 })).toBe(SNN_WASM);
    expect(await tf.setBackend(SNN_WASM)).toBe(true);
    const c: Case = { m: 3, k: 5, n: 4, batch: null, ta: false, tb: true };
    const [a, b, g] = [values(15, 4), values(20, 5), values(12, 6)];
    const got = await matMulAndGrads(SNN_WASM, c, a, b, g);
    expect(maxAbsDiff(got.out, reference(c, a, b, g).out)).toBeLessThan(TOL);
  });
});
