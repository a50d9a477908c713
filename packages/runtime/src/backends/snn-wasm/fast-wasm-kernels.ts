import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  Add,
  BatchMatMul,
  Exp,
  Identity,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  Reshape,
  Selu,
  type TensorInfo,
  Tile,
  Transpose,
  _FusedMatMul,
} from '@tensorflow/tfjs-core';
import {
  EMPTY_ARG_REDUCTIONS,
  EMPTY_REDUCTION,
  emptyArgReductionKernel,
  emptyReductionKernel,
} from './fast-wasm-empty-reductions';
import { fastExpKernel } from './fast-wasm-exp';
import { fastSeluKernel } from './fast-wasm-selu';
import { fastTileKernel } from './fast-wasm-tile';
import { singleOutput, stockKernel, withTemporaries } from './stock-kernel';

/*
 * Why this file exists. The stock wasm `BatchMatMul` and `_FusedMatMul` kernels hand XNNPACK's
 * fully-connected operator only the case `!transposeA && !transposeB` with a batch of one; any
 * transposed operand falls back to a naive blocked triple loop that is 10–12× slower. Both matmul
 * gradients set a transpose flag (dA = dC·Bᵀ, dB = Aᵀ·dC), so a training step spends most of its
 * time there.
 *
 * XNNPACK computes C = X·W with W as its "weights": it packs W into its panel layout first and
 * caches the packed copy on W's tensor id. In training every weight matrix is a new tensor after
 * each update, so the packing (a slow pass, several times the cost of a transpose) is paid on every
 * product. So each unbatched product op(A)·op(B) is computed in whichever of two forms moves the
 * fewest elements, both on the fast path:
 *
 *   direct:  C  = [op(A)]·[op(B)]          transpose what is transposed; pack op(B) (K×N)
 *   swapped: Cᵀ = [op(B)ᵀ]·[op(A)ᵀ], C = (Cᵀ)ᵀ   pack op(A)ᵀ (K×M); transpose the M×N result
 *
 * For the Figure-1 network (M = batch 128, K = N = 784) this takes the swapped form for the
 * forward product and dX = dY·Wᵀ (packing 128×784 instead of 784×784) and the direct form for
 * dW = Xᵀ·dY. A weight matrix already seen as a weights operand is assumed packed and cached
 * (inference with fixed weights), which favours the direct form. Batched products (a leading
 * batch dimension larger than one) take the stock slow path in any case and are passed through.
 */

/** Relative cost per element of XNNPACK's weight packing vs a transpose (measured ≈ 4–8). */
const PACK_COST = 4;
const TRANSPOSE_COST = 1;

type Kernels = { transpose: KernelFunc; reshape: KernelFunc; add: KernelFunc };

/** Product of every dimension but the last two (the batch of a batched matmul). */
function batchSize(shape: number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length - 2; i++) size *= shape[i]!;
  return size;
}

/** The two forms of an unbatched product and their costs in element moves. */
export function planMatMul(p: {
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  /** op(B) is B itself and was a weights operand before (its packed copy is cached). */
  bCached: boolean;
  /** op(A)ᵀ is A itself and was a weights operand before. */
  aCached: boolean;
  /** A bias must be added (the swapped form adds it separately). */
  bias: boolean;
  /** The swapped form is allowed (no fused activation other than linear). */
  canSwap: boolean;
}): 'direct' | 'swapped' {
  const { m, k, n } = p;
  const direct =
    TRANSPOSE_COST * ((p.transposeA ? k * m : 0) + (p.transposeB ? k * n : 0)) +
    (p.bCached ? 0 : PACK_COST * k * n);
  if (!p.canSwap) return 'direct';
  const swapped =
    TRANSPOSE_COST * ((p.transposeB ? 0 : k * n) + (p.transposeA ? 0 : k * m) + m * n) +
    (p.aCached ? 0 : PACK_COST * k * m) +
    (p.bias ? m * n : 0);
  return swapped < direct ? 'swapped' : 'direct';
}

/**
 * Wraps a stock matmul kernel (`BatchMatMul` or `_FusedMatMul`) so that unbatched products never
 * take the slow transposed path and pack the smaller operand when that is cheaper.
 */
function fastMatMul(
  stock: KernelConfig,
  stockBatchMatMul: KernelFunc,
  kernels: Kernels,
  seenAsWeights: WeakSet<object>,
  target: string,
): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const a = inputs['a'] as TensorInfo;
    const b = inputs['b'] as TensorInfo;
    const bias = inputs['bias'] as TensorInfo | undefined | null;
    const prelu = inputs['preluActivationWeights'] as TensorInfo | undefined | null;
    const {
      transposeA = false,
      transposeB = false,
      activation = 'linear',
    } = (attrs ?? {}) as {
      transposeA?: boolean;
      transposeB?: boolean;
      activation?: string;
    };
    if (batchSize(a.shape) > 1 || batchSize(b.shape) > 1) {
      return stock.kernelFunc({ inputs, backend, attrs });
    }
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = a.shape[transposeA ? ra - 1 : ra - 2]!;
    const k = a.shape[transposeA ? ra - 2 : ra - 1]!;
    const n = b.shape[transposeB ? rb - 2 : rb - 1]!;
    const form = planMatMul({
      m,
      k,
      n,
      transposeA,
      transposeB,
      bCached: !transposeB && seenAsWeights.has(b.dataId),
      aCached: transposeA && seenAsWeights.has(a.dataId),
      bias: bias != null,
      canSwap: activation === 'linear' && prelu == null,
    });
    // Whatever form runs now, an operand seen twice is likely a fixed weight matrix.
    seenAsWeights.add(b.dataId);

    return withTemporaries(backend as BackendWasm, ({ keep }) => {
      const reshape = (x: TensorInfo, shape: number[]) =>
        keep(kernels.reshape({ inputs: { x }, backend, attrs: { shape } as never }), Reshape);
      const transpose2d = (x: TensorInfo) =>
        keep(
          kernels.transpose({ inputs: { x }, backend, attrs: { perm: [1, 0] } as never }),
          Transpose,
        );
      if (form === 'direct') {
        if (!transposeA && !transposeB) return stock.kernelFunc({ inputs, backend, attrs });
        const a2 = transposeA ? transpose2d(reshape(a, [k, m])) : a;
        const b2 = transposeB ? transpose2d(reshape(b, [n, k])) : b;
        const a3 = transposeA ? reshape(a2, [1, m, k]) : a2;
        const b3 = transposeB ? reshape(b2, [1, k, n]) : b2;
        const out = singleOutput(
          stock.kernelFunc({
            inputs: { ...inputs, a: a3, b: b3 },
            backend,
            attrs: { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap,
          }),
          stock.kernelName,
        );
        return { ...out, shape: [...outerShape(a, b), m, n] };
      }
      // Swapped: Cᵀ (N×M) = op(B)ᵀ (N×K) · op(A)ᵀ (K×M), then C = (Cᵀ)ᵀ (+ bias).
      const bt = transposeB ? reshape(b, [n, k]) : transpose2d(reshape(b, [k, n]));
      const at = transposeA ? reshape(a, [k, m]) : transpose2d(reshape(a, [m, k]));
      if (transposeA) seenAsWeights.add(a.dataId);
      const ct = keep(
        stockBatchMatMul({
          inputs: { a: bt, b: at },
          backend,
          attrs: { transposeA: false, transposeB: false } as never,
        }),
        BatchMatMul,
      );
      let c = transpose2d(reshape(ct, [n, m]));
      if (bias != null) c = keep(kernels.add({ inputs: { a: c, b: bias }, backend }), Add);
      return singleOutput(
        kernels.reshape({
          inputs: { x: c },
          backend,
          attrs: { shape: [...outerShape(a, b), m, n] } as never,
        }),
        Reshape,
      );
    });
  };
  return { ...stock, backendName: target, kernelFunc };
}

/** Leading (batch) dimensions of the product's output, all ones here. */
function outerShape(a: TensorInfo, b: TensorInfo): number[] {
  const rank = Math.max(a.shape.length, b.shape.length);
  return new Array<number>(rank - 2).fill(1);
}

/**
 * The kernel list of the fast wasm backend: every kernel the stock `source` backend registers
 * (same functions, so the same numerics), with `BatchMatMul` and `_FusedMatMul` replaced by
 * versions that never hit the slow transposed path, an `Identity` that shares memory, `Selu`
 * and `Exp` composed of vectorised kernels (`Selu` is also accurate near 0, the stock one is not),
 * `Tile` as block copies on the heap (bit-identical to the stock kernel, which copies element by
 * element), and sums, products, means, `any` and `all` that are defined over empty axes (the
 * stock kernels return uninitialised memory there).
 *
 * @param stockKernels - `tf.getKernelsForBackend(source)`.
 * @param source - The stock backend whose kernels are reused (`'wasm'`).
 * @param target - The name the kernels are registered under (`'snn-wasm'`).
 */
export function fastWasmKernels(
  stockKernels: readonly KernelConfig[],
  source: string,
  target: string,
): KernelConfig[] {
  const kernels: Kernels = {
    transpose: stockKernel(Transpose, source),
    reshape: stockKernel(Reshape, source),
    add: stockKernel(Add, source),
  };
  const stockBatchMatMul = stockKernel(BatchMatMul, source);
  const seenAsWeights = new WeakSet<object>();
  return stockKernels.map((config) => {
    if (config.kernelName === BatchMatMul || config.kernelName === _FusedMatMul) {
      return fastMatMul(config, stockBatchMatMul, kernels, seenAsWeights, target);
    }
    if (config.kernelName === Identity) return sharedIdentity(config, target);
    if (config.kernelName === Selu) return fastSeluKernel(source, target);
    if (config.kernelName === Exp) return fastExpKernel(config, source, target);
    if (config.kernelName === Tile) return fastTileKernel(config, target);
    if (config.kernelName in EMPTY_REDUCTION) return emptyReductionKernel(config, target);
    if (EMPTY_ARG_REDUCTIONS.includes(config.kernelName)) {
      return emptyArgReductionKernel(config, target);
    }
    return { ...config, backendName: target };
  });
}

/**
 * `Identity` (tf.clone, and the copies tfjs-core's custom gradients keep of their inputs: three per
 * dense layer and step) shares the input's memory with a reference count, as the cpu and webgl
 * backends do, instead of copying it as stock wasm does. Tensors are immutable, so sharing is
 * safe; wasm's own `Reshape` already shares the same way.
 */
function sharedIdentity(stock: KernelConfig, target: string): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype === 'string') return stock.kernelFunc(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  return { ...stock, backendName: target, kernelFunc };
}
