import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  util,
  BatchMatMul,
  type KernelConfig,
  type KernelFunc,
  Pow,
  Prelu,
  Relu,
  Selu,
  Sigmoid,
  Step,
  Sum,
  type TensorInfo,
  _FusedMatMul,
  broadcast_util,
} from '@tensorflow/tfjs-core';
import { SNN_BATCH_NORM_GRAD } from '../../../internal/batch-norm-gradient-kernel';
import {
  SNN_BATCH_NORM_TRAIN,
  SNN_BATCH_NORM_TRAIN_GRAD,
} from '../../../internal/batch-norm-train-kernel';
import { SNN_DENSE, SNN_DENSE_GRAD } from '../../../internal/dense-kernel';
import { SNN_DROPOUT, SNN_DROPOUT_GRAD } from '../../../internal/dropout-kernel';
import { SNN_HIGHWAY, SNN_HIGHWAY_GRAD } from '../../../internal/highway-kernel';
import { SNN_LAYER_NORM, SNN_LAYER_NORM_GRAD } from '../../../internal/layer-norm-kernel';
import { SNN_SELU_GRAD } from '../../../internal/selu-gradient-kernel';
import { SnnError } from '../../../internal/snn-error';
import { type AleaState, SNN_RANDOM_UNIFORM } from '../../../internal/uniform-noise';
import { SNN_WEIGHT_NORM, SNN_WEIGHT_NORM_GRAD } from '../../../internal/weight-norm-kernel';
import type { NativeAddon } from './native-addon';

/** The fused activations the addon applies itself, by their codes in `native/snn-native.c`. */
const ACTIVATIONS: Record<string, number> = {
  linear: 0,
  relu: 1,
  relu6: 2,
  elu: 3,
  leakyrelu: 4,
  sigmoid: 5,
};

/** tfjs-core's default slope of a fused leaky ReLU. */
const DEFAULT_LEAKY_ALPHA = 0.2;

/** Byte offset of a tensor's data in the wasm heap. */
function heapOffset(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId)!.memoryOffset;
}

/** The wasm heap as bytes; emscripten replaces this view when the heap grows, so read it late. */
function heap(backend: BackendWasm): Uint8Array {
  return (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
}

/**
 * The bias size the addon takes: n when `bias` adds one value per output column (shape [..., n],
 * all else 1), 1 when it is a single value; `null` for any other broadcast.
 */
function biasSize(bias: TensorInfo, n: number): number | null {
  const size = util.sizeFromShape(bias.shape);
  if (size === 1) return 1;
  return bias.shape[bias.shape.length - 1] === n && size === n ? n : null;
}

/**
 * `BatchMatMul` or `_FusedMatMul` on the addon's BLAS, reading the operands from and writing the
 * result into the wasm heap (no copies):
 *
 *   C[i] = act(op(A[i mod batchA]) · op(B[i mod batchB]) + bias),   op(X) = Xᵀ if transposed,
 *
 * the batch indexing of tfjs's cpu kernel. A PReLU activation is the wasm `Prelu` kernel applied
 * to the product. Cases the addon does not cover (a dtype other than float32, a bias that is
 * neither one value per column nor a single value, batch sizes that neither match nor are 1) run
 * `fallback`, the `snn-wasm` kernel.
 */
function nativeMatMul(fallback: KernelConfig, addon: NativeAddon, prelu: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as BackendWasm;
    const a = args.inputs['a'] as TensorInfo;
    const b = args.inputs['b'] as TensorInfo;
    const bias = args.inputs['bias'] as TensorInfo | undefined | null;
    const alpha = args.inputs['preluActivationWeights'] as TensorInfo | undefined | null;
    const {
      transposeA = false,
      transposeB = false,
      activation = 'linear',
      leakyreluAlpha = DEFAULT_LEAKY_ALPHA,
    } = (args.attrs ?? {}) as {
      transposeA?: boolean;
      transposeB?: boolean;
      activation?: string;
      leakyreluAlpha?: number;
    };
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = a.shape[transposeA ? ra - 1 : ra - 2]!;
    const k = a.shape[transposeA ? ra - 2 : ra - 1]!;
    const n = b.shape[transposeB ? rb - 2 : rb - 1]!;
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = util.sizeFromShape(outerA);
    const batchB = util.sizeFromShape(outerB);
    const code = activation === 'prelu' ? ACTIVATIONS['linear'] : ACTIVATIONS[activation];
    const biasValues = bias == null ? 0 : biasSize(bias, n);
    if (
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      code == null ||
      (activation === 'prelu' && alpha == null) ||
      biasValues == null ||
      (bias != null && bias.dtype !== 'float32') ||
      (batchA !== batchB && batchA !== 1 && batchB !== 1)
    ) {
      return fallback.kernelFunc(args);
    }
    const outShape = [...broadcast_util.assertAndGetBroadcastShape(outerA, outerB), m, n];
    const out = backend.makeOutput(outShape, 'float32');
    if (util.sizeFromShape(outShape) === 0) return out;
    // After makeOutput: an allocation may have grown the heap and replaced its views.
    addon.gemm(
      heap(backend),
      Math.max(batchA, batchB),
      batchA,
      batchB,
      m,
      n,
      k,
      transposeA,
      transposeB,
      heapOffset(backend, a),
      heapOffset(backend, b),
      heapOffset(backend, out),
      bias != null ? heapOffset(backend, bias) : -1,
      biasValues,
      code,
      leakyreluAlpha,
    );
    if (activation !== 'prelu' || alpha == null) return out;
    try {
      return prelu({ inputs: { x: out, alpha }, backend });
    } finally {
      backend.disposeData(out.dataId);
    }
  };
  return { ...fallback, kernelFunc };
}

/**
 * One unbatched product on the addon, out = op(a)·op(b) (+ bias per column), m × n with inner size
 * k: the call `nativeMatMul` makes for tfjs's `BatchMatMul` and `_FusedMatMul` on operands of one
 * batch, so the two give the same values bit for bit.
 */
function product(
  addon: NativeAddon,
  wasm: BackendWasm,
  shape: { m: number; n: number; k: number; transposeA: boolean; transposeB: boolean },
  a: TensorInfo,
  b: TensorInfo,
  out: TensorInfo,
  bias?: TensorInfo,
): void {
  const { m, n, k, transposeA, transposeB } = shape;
  if (m * n === 0) return;
  // After makeOutput: an allocation may have grown the heap and replaced its views.
  addon.gemm(
    heap(wasm),
    1,
    1,
    1,
    m,
    n,
    k,
    transposeA,
    transposeB,
    heapOffset(wasm, a),
    heapOffset(wasm, b),
    heapOffset(wasm, out),
    bias == null ? -1 : heapOffset(wasm, bias),
    bias == null ? 0 : n,
    ACTIVATIONS['linear']!,
    DEFAULT_LEAKY_ALPHA,
  );
}

/**
 * Throws unless a gradient kernel's upstream gradient `dy` is float32 of `shape` (`of` says whose
 * shape that is, e.g. "x's shape"), naming the kernel, the expectation and what came.
 */
function checkUpstream(name: string, dy: TensorInfo, shape: readonly number[], of: string): void {
  if (dy.dtype !== 'float32' || !util.arraysEqual(dy.shape, [...shape])) {
    throw new SnnError(
      `${name}: expected a float32 dy of ${of} [${shape.join(', ')}], got ${dy.dtype} [${dy.shape.join(', ')}]`,
    );
  }
}

/** The [rows, in, out] of a dense kernel's x [rows, in], W [in, out], b [out], all float32. */
function denseShape(name: string, x: TensorInfo, kernel: TensorInfo, bias: TensorInfo) {
  const [rows, inner] = x.shape;
  const out = kernel.shape[1];
  if (
    [x, kernel, bias].some((t) => t.dtype !== 'float32') ||
    x.shape.length !== 2 ||
    kernel.shape.length !== 2 ||
    bias.shape.length !== 1 ||
    kernel.shape[0] !== inner ||
    bias.shape[0] !== out
  ) {
    throw new SnnError(
      `${name}: expected float32 x [rows, in], kernel [in, out] and bias [out], got x ${x.dtype} [${x.shape}], kernel ${kernel.dtype} [${kernel.shape}], bias ${bias.dtype} [${bias.shape}]; pass a batch of rows and the layer's weights`,
    );
  }
  return { rows: rows!, inner: inner!, out: out! };
}

/**
 * {@link SNN_DENSE}: y = x·W + b (inputs `x`, `kernel`, `bias`) as the one product tfjs's fused
 * `matMul` makes on this backend (the bias added by the BLAS's output pass), or with attr
 * `biasAdded` as `tf.add(tf.matMul(x, W), b)` makes it (the product, then the bias added with one
 * rounding each), without their reshapes and gradient bookkeeping.
 */
function nativeDense(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const [x, kernel, bias] = ['x', 'kernel', 'bias'].map((name) => inputs[name] as TensorInfo);
    const { rows, inner, out } = denseShape(SNN_DENSE, x!, kernel!, bias!);
    const { biasAdded = false } = (attrs ?? {}) as { biasAdded?: boolean };
    const y = wasm.makeOutput([rows, out], 'float32');
    const shape = { m: rows, n: out, k: inner, transposeA: false, transposeB: false };
    if (!biasAdded) {
      product(addon, wasm, shape, x!, kernel!, y, bias!);
      return y;
    }
    product(addon, wasm, shape, x!, kernel!, y);
    if (rows * out > 0) {
      addon.biasAdd(heap(wasm), rows, out, heapOffset(wasm, y), heapOffset(wasm, bias!), 0);
    }
    return y;
  };
  return { kernelName: SNN_DENSE, backendName: target, kernelFunc };
}

/**
 * {@link SNN_DENSE_GRAD}: [dx, dW, db] of y = x·W + b given dy (inputs `dy`, `x`, `kernel`,
 * `bias`): the two products tfjs-core's fused-matMul gradient makes (dy·Wᵀ, xᵀ·dy) and its bias
 * gradient (each column of dy summed in row order), on the same addon calls, so all three are its
 * values bit for bit.
 */
function nativeDenseGrad(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const wasm = backend as BackendWasm;
    const [dy, x, kernel, bias] = ['dy', 'x', 'kernel', 'bias'].map(
      (name) => inputs[name] as TensorInfo,
    );
    const { rows, inner, out } = denseShape(SNN_DENSE_GRAD, x!, kernel!, bias!);
    checkUpstream(SNN_DENSE_GRAD, dy!, [rows, out], 'shape');
    const dx = wasm.makeOutput([rows, inner], 'float32');
    const dkernel = wasm.makeOutput([inner, out], 'float32');
    const dbias = wasm.makeOutput([out], 'float32');
    product(
      addon,
      wasm,
      { m: rows, n: inner, k: out, transposeA: false, transposeB: true },
      dy!,
      kernel!,
      dx,
    );
    product(
      addon,
      wasm,
      { m: inner, n: out, k: rows, transposeA: true, transposeB: false },
      x!,
      dy!,
      dkernel,
    );
    if (rows * out === 0) {
      // No rows: the sum is 0 (as the Sum kernel gives).
      wasm.typedArrayFromHeap(dbias).fill(0);
    } else {
      addon.sumRows(heap(wasm), rows, out, heapOffset(wasm, dy!), heapOffset(wasm, dbias));
    }
    return [dx, dkernel, dbias];
  };
  return { kernelName: SNN_DENSE_GRAD, backendName: target, kernelFunc };
}

/**
 * A float32 output of `inputs[0]`'s shape computed in one native pass:
 * `run(heap, size, offsets of inputs…, offset of out)`.
 */
function elementwise(
  backend: BackendWasm,
  inputs: TensorInfo[],
  run: (heap: Uint8Array, size: number, offsets: number[]) => void,
): TensorInfo {
  const out = backend.makeOutput([...inputs[0]!.shape], 'float32');
  const size = util.sizeFromShape(out.shape);
  if (size > 0) {
    const offsets = [...inputs, out].map((info) => heapOffset(backend, info));
    run(heap(backend), size, offsets);
  }
  return out;
}

/**
 * `Selu` in one native pass: λ·x for x > 0, λα·(eˣ − 1) for x ≤ 0, eˣ − 1 by its series near 0
 * (accurate there). Non-float32 inputs run `fallback`.
 */
function nativeSelu(fallback: KernelConfig, addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype !== 'float32') return fallback.kernelFunc(args);
    return elementwise(args.backend as BackendWasm, [x], (h, size, [xo, yo]) =>
      addon.selu(h, size, xo!, yo!),
    );
  };
  return { ...fallback, kernelFunc };
}

/**
 * Kernel of `snn-native` only: `alpha·x + y` in one pass (inputs `x`, `y`; attr `alpha`), or for
 * each of n pairs in one call (inputs `x0`, `y0`, …, `x{n−1}`, `y{n−1}`; n outputs): an SGD
 * step over all of a network's weights as one kernel.
 */
export const SNN_AXPY = 'SnnAxpy';

/**
 * dx = λ·dy (x > 0), λα·eˣ·dy (x ≤ 0): the SELU gradient in one native pass, where tfjs-core's
 * gradient runs seven kernels (Greater, Multiply ×3, Cast, Exp, Select).
 */
function nativeSeluGrad(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend }) =>
    elementwise(
      backend as BackendWasm,
      [inputs['dy'] as TensorInfo, inputs['x'] as TensorInfo],
      (h, size, [dy, x, dx]) => addon.seluGrad(h, size, dy!, x!, dx!),
    );
  return { kernelName: SNN_SELU_GRAD, backendName: target, kernelFunc };
}

/**
 * out = alpha·x + y for float32 tensors of one shape: the SGD step w − η·g in one pass; for pairs
 * `x0`, `y0`, `x1`, `y1`, … one output per pair (one kernel call for all of a network's weights,
 * where each call costs the engine more than a small axpy does).
 */
function nativeAxpy(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { alpha } = attrs as unknown as { alpha: number };
    const wasm = backend as BackendWasm;
    const pair = (x: TensorInfo, y: TensorInfo) => {
      if (x.dtype !== 'float32' || y.dtype !== 'float32' || !util.arraysEqual(x.shape, y.shape)) {
        throw new SnnError(
          `${SNN_AXPY}: expected float32 x and y of one shape, got ${x.dtype} [${x.shape}] and ${y.dtype} [${y.shape}]`,
        );
      }
      return elementwise(wasm, [x, y], (h, size, [xo, yo, out]) =>
        addon.axpy(h, size, xo!, yo!, out!, alpha),
      );
    };
    if (inputs['x'] != null) return pair(inputs['x'] as TensorInfo, inputs['y'] as TensorInfo);
    const pairs = Object.keys(inputs).length / 2;
    return Array.from({ length: pairs }, (_, i) => {
      const [x, y] = [inputs[`x${i}`], inputs[`y${i}`]] as [TensorInfo?, TensorInfo?];
      if (x == null || y == null) {
        throw new SnnError(
          `${SNN_AXPY}: expected inputs x, y or x0, y0, …, x${pairs - 1}, y${pairs - 1}, got ${Object.keys(inputs).join(', ')}`,
        );
      }
      return pair(x, y);
    });
  };
  return { kernelName: SNN_AXPY, backendName: target, kernelFunc };
}

/**
 * `Sum` over the leading axes of a float32 tensor on the addon, the reductions of training: bias
 * gradients (axis 0 of batch × units), batch norm (axes 0–2 of its 4-d view) and weight norm
 * (axis 0 of each kernel, a fifth of a weight-norm network's step with the stock kernel, which
 * transposes the whole input first):
 *
 *   out[c] = Σ_{j < rows} x[j·cols + c],   rows = product of the summed axes, cols = the rest
 *
 * each column added in the stock kernel's order, so the result is the stock one bit for bit. The
 * stock kernel adds in the order the axes are given, so only [0, 1, …, k − 1] in that order takes
 * this path; every other sum, empty ones included, runs `fallback` (the `snn-wasm` kernel).
 */
function nativeSum(fallback: KernelConfig, addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    const { axis, keepDims } = args.attrs as unknown as {
      axis: number | number[];
      keepDims: boolean;
    };
    const axes = util.parseAxisParam(axis, x.shape);
    const leading =
      axes.length > 0 && axes.length < x.shape.length && axes.every((a, i) => a === i);
    const size = util.sizeFromShape(x.shape);
    if (x.dtype !== 'float32' || !leading || size === 0) return fallback.kernelFunc(args);
    const backend = args.backend as BackendWasm;
    const kept = x.shape.slice(axes.length);
    const cols = util.sizeFromShape(kept);
    const out = backend.makeOutput(keepDims ? [...axes.map(() => 1), ...kept] : kept, 'float32');
    // After makeOutput: an allocation may have grown the heap and replaced its views.
    addon.sumRows(
      heap(backend),
      size / cols,
      cols,
      heapOffset(backend, x),
      heapOffset(backend, out),
    );
    return out;
  };
  return { ...fallback, kernelFunc };
}

/** The [rows, cols] of a weight-norm kernel's `v` when `v` and `g` are float32 [rows, cols] and [cols]. */
function weightNormShape(v: TensorInfo, g: TensorInfo): [number, number] {
  const [rows, cols] = v.shape;
  if (
    v.dtype !== 'float32' ||
    g.dtype !== 'float32' ||
    v.shape.length !== 2 ||
    g.shape.length !== 1 ||
    g.shape[0] !== cols
  ) {
    throw new SnnError(
      `${SNN_WEIGHT_NORM}: expected float32 v of shape [rows, cols] and g of shape [cols], got v ${v.dtype} [${v.shape}] and g ${g.dtype} [${g.shape}]; pass the layer's kernel and gain`,
    );
  }
  return [rows!, cols!];
}

/**
 * {@link SNN_WEIGHT_NORM}, w = v · g / √(Σ_rows v² + ε) per column, in one native pass: the same
 * float32 operations in the same order as the composite that `weightNormDense` runs elsewhere,
 * so w is the composite's bit for bit (see `weight_norm_loop` in `native/snn-native.c`).
 */
function nativeWeightNorm(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const v = inputs['v'] as TensorInfo;
    const g = inputs['g'] as TensorInfo;
    const [rows, cols] = weightNormShape(v, g);
    const { epsilon } = attrs as unknown as { epsilon: number };
    const w = wasm.makeOutput([rows, cols], 'float32');
    if (rows * cols === 0) return w;
    // After makeOutput: an allocation may have grown the heap and replaced its views.
    addon.weightNorm(
      heap(wasm),
      rows,
      cols,
      heapOffset(wasm, v),
      heapOffset(wasm, g),
      heapOffset(wasm, w),
      epsilon,
    );
    return w;
  };
  return { kernelName: SNN_WEIGHT_NORM, backendName: target, kernelFunc };
}

/**
 * {@link SNN_WEIGHT_NORM_GRAD}: [dv, dg] of w = v · g / ‖v‖ given dw (inputs `dy`, `v`, `g`), in
 * one native pass, operation for operation what tfjs-core's registered gradients of the composite
 * compute, so both are the composite's gradients bit for bit (see `weight_norm_grad_loop`).
 */
function nativeWeightNormGrad(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const dy = inputs['dy'] as TensorInfo;
    const v = inputs['v'] as TensorInfo;
    const g = inputs['g'] as TensorInfo;
    const [rows, cols] = weightNormShape(v, g);
    checkUpstream(SNN_WEIGHT_NORM_GRAD, dy, v.shape, "v's shape");
    const { epsilon } = attrs as unknown as { epsilon: number };
    const dv = wasm.makeOutput([rows, cols], 'float32');
    const dg = wasm.makeOutput([cols], 'float32');
    if (rows * cols === 0) {
      // No rows: Σ over them is 0, so dg = 0 / √ε = 0, as the composite gives.
      wasm.typedArrayFromHeap(dg).fill(0);
      return [dv, dg];
    }
    addon.weightNormGrad(
      heap(wasm),
      rows,
      cols,
      heapOffset(wasm, dy),
      heapOffset(wasm, v),
      heapOffset(wasm, g),
      heapOffset(wasm, dv),
      heapOffset(wasm, dg),
      epsilon,
    );
    return [dv, dg];
  };
  return { kernelName: SNN_WEIGHT_NORM_GRAD, backendName: target, kernelFunc };
}

/**
 * The [rows, cols] of a normalization kernel's `x` when x is float32 [rows, cols] and each of
 * `perColumn` (γ, β, …) float32 [cols].
 */
function matrixShape(name: string, x: TensorInfo, ...perColumn: TensorInfo[]): [number, number] {
  const [rows, cols] = x.shape;
  if (
    x.dtype !== 'float32' ||
    x.shape.length !== 2 ||
    perColumn.some((t) => t.dtype !== 'float32' || t.shape.length !== 1 || t.shape[0] !== cols)
  ) {
    throw new SnnError(
      `${name}: expected float32 x of shape [rows, cols] and γ, β (and the moving statistics) of shape [cols], got x ${x.dtype} [${x.shape}] and ${perColumn.map((t) => `${t.dtype} [${t.shape}]`).join(', ')}; pass a batch of feature rows and the layer's per-feature weights`,
    );
  }
  return [rows!, cols!];
}

/**
 * Runs the addon's layer norm of x into a new [rows, cols] output and returns it with the
 * per-row μ and a = σ² + ε ([rows, 1] each), which the caller disposes.
 */
function layerNormForward(
  addon: NativeAddon,
  wasm: BackendWasm,
  x: TensorInfo,
  gamma: TensorInfo,
  beta: TensorInfo,
  epsilon: number,
): { y: TensorInfo; mu: TensorInfo; a: TensorInfo } {
  const [rows, cols] = x.shape as [number, number];
  const y = wasm.makeOutput([rows, cols], 'float32');
  const mu = wasm.makeOutput([rows, 1], 'float32');
  const a = wasm.makeOutput([rows, 1], 'float32');
  if (rows * cols > 0) {
    // After makeOutput: an allocation may have grown the heap and replaced its views.
    addon.layerNorm(
      heap(wasm),
      rows,
      cols,
      heapOffset(wasm, x),
      heapOffset(wasm, gamma),
      heapOffset(wasm, beta),
      heapOffset(wasm, y),
      heapOffset(wasm, mu),
      heapOffset(wasm, a),
      epsilon,
    );
  }
  return { y, mu, a };
}

/**
 * {@link SNN_LAYER_NORM}: y = (x − μ)·(σ² + ε)^(−1/2)·γ + β per row in one native pass, the
 * float32 operations of `layerNorm`'s composite in their order, so y is the composite's bit for
 * bit (see `layer_norm_loop` in `native/snn-native.c`).
 */
function nativeLayerNorm(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const x = inputs['x'] as TensorInfo;
    const gamma = inputs['gamma'] as TensorInfo;
    const beta = inputs['beta'] as TensorInfo;
    matrixShape(SNN_LAYER_NORM, x, gamma, beta);
    const { epsilon } = attrs as unknown as { epsilon: number };
    const { y, mu, a } = layerNormForward(addon, wasm, x, gamma, beta, epsilon);
    wasm.disposeData(mu.dataId);
    wasm.disposeData(a.dataId);
    return y;
  };
  return { kernelName: SNN_LAYER_NORM, backendName: target, kernelFunc };
}

/**
 * {@link SNN_LAYER_NORM_GRAD}: [dx, dγ, dβ] of the layer norm given dy (inputs `dy`, `x`, `gamma`,
 * `beta`), in two native passes around the wasm `Pow` kernel (Rsqrt's gradient takes
 * (σ² + ε)^1.5 from it; its rounding is the wasm library's, not correctly rounded, so it is not
 * recomputed natively): operation for operation what tfjs-core's registered gradients of the
 * composite compute, so all three are its gradients bit for bit where x has no other consumer
 * (see `layer_norm_grad_loop`).
 */
function nativeLayerNormGrad(addon: NativeAddon, target: string, pow: KernelFunc): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const dy = inputs['dy'] as TensorInfo;
    const x = inputs['x'] as TensorInfo;
    const gamma = inputs['gamma'] as TensorInfo;
    const beta = inputs['beta'] as TensorInfo;
    const [rows, cols] = matrixShape(SNN_LAYER_NORM_GRAD, x, gamma, beta);
    checkUpstream(SNN_LAYER_NORM_GRAD, dy, x.shape, "x's shape");
    const { epsilon } = attrs as unknown as { epsilon: number };
    const forward = layerNormForward(addon, wasm, x, gamma, beta, epsilon);
    const exponent = wasm.makeOutput([], 'float32');
    wasm.typedArrayFromHeap(exponent).set([1.5]);
    const powered = pow({ inputs: { a: forward.a, b: exponent }, backend: wasm }) as TensorInfo;
    for (const t of [forward.y, forward.mu, forward.a, exponent]) wasm.disposeData(t.dataId);
    const dx = wasm.makeOutput([rows, cols], 'float32');
    const dgamma = wasm.makeOutput([cols], 'float32');
    const dbeta = wasm.makeOutput([cols], 'float32');
    addon.layerNormGrad(
      heap(wasm),
      rows,
      cols,
      heapOffset(wasm, dy),
      heapOffset(wasm, x),
      heapOffset(wasm, gamma),
      heapOffset(wasm, powered),
      heapOffset(wasm, dx),
      heapOffset(wasm, dgamma),
      heapOffset(wasm, dbeta),
      epsilon,
    );
    wasm.disposeData(powered.dataId);
    return [dx, dgamma, dbeta];
  };
  return { kernelName: SNN_LAYER_NORM_GRAD, backendName: target, kernelFunc };
}

/**
 * {@link SNN_BATCH_NORM_GRAD}: [dx, dmean, dvariance, dscale, doffset] of `FusedBatchNorm` given
 * dy, in one native pass making tfjs-core's gradient's float32 roundings in its order, so all five
 * are its values bit for bit (see `batch_norm_grad_loop` in `native/snn-native.c`). Inputs: `dy`
 * and `x` of one shape, `mean`, `variance` and optionally `scale` with one value per feature (the
 * last axis), all float32 (the gradient routed by `useNativeBatchNormGradient` checks this).
 */
function nativeBatchNormGrad(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const dy = inputs['dy'] as TensorInfo;
    const x = inputs['x'] as TensorInfo;
    const perFeature = ['mean', 'variance', 'scale']
      .map((name) => inputs[name] as TensorInfo | undefined)
      .filter((t): t is TensorInfo => t != null);
    const cols = x.shape[x.shape.length - 1] ?? 1;
    if (
      [dy, x, ...perFeature].some((t) => t.dtype !== 'float32') ||
      !util.arraysEqual(dy.shape, x.shape) ||
      perFeature.length < 2 ||
      perFeature.some((t) => t.shape.length !== 1 || t.shape[0] !== cols)
    ) {
      throw new SnnError(
        `${SNN_BATCH_NORM_GRAD}: expected float32 dy and x of one shape and mean, variance (and scale) with one value per feature of x's last axis, got dy [${dy.shape}], x [${x.shape}] and ${perFeature.map((t) => `${t.dtype} [${t.shape}]`).join(', ')}`,
      );
    }
    const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
    const scale = inputs['scale'] as TensorInfo | undefined;
    const size = util.sizeFromShape(x.shape);
    const dx = wasm.makeOutput([...x.shape], 'float32');
    const perFeatureOut = [0, 1, 2, 3].map(() => wasm.makeOutput([cols], 'float32'));
    if (size === 0) {
      // No rows: every sum is 0.
      for (const t of perFeatureOut) wasm.typedArrayFromHeap(t).fill(0);
      return [dx, ...perFeatureOut];
    }
    // After makeOutput: an allocation may have grown the heap and replaced its views.
    addon.batchNormGrad(
      heap(wasm),
      size / cols,
      cols,
      heapOffset(wasm, dy),
      heapOffset(wasm, x),
      heapOffset(wasm, inputs['mean'] as TensorInfo),
      heapOffset(wasm, inputs['variance'] as TensorInfo),
      scale == null ? -1 : heapOffset(wasm, scale),
      heapOffset(wasm, dx),
      ...(perFeatureOut.map((t) => heapOffset(wasm, t)) as [number, number, number, number]),
      varianceEpsilon,
    );
    return [dx, ...perFeatureOut];
  };
  return { kernelName: SNN_BATCH_NORM_GRAD, backendName: target, kernelFunc };
}

/**
 * {@link SNN_BATCH_NORM_TRAIN}: [y, new moving mean, new moving variance] of a batch-norm layer's
 * training step (inputs `x` [rows, cols], `gamma`, `beta`, `movingMean`, `movingVariance` [cols];
 * attrs `epsilon`, `momentum`) in one native pass, rounded as tfjs-layers' `BatchNormalization`
 * computes them (`tf.moments`, the wasm `FusedBatchNorm`, its moving averages), so all three are
 * its values bit for bit (see `batch_norm_train_loop` in `native/snn-native.c`).
 */
function nativeBatchNormTrain(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const x = inputs['x'] as TensorInfo;
    const perFeature = ['gamma', 'beta', 'movingMean', 'movingVariance'].map(
      (name) => inputs[name] as TensorInfo,
    );
    const [rows, cols] = matrixShape(SNN_BATCH_NORM_TRAIN, x, ...perFeature);
    const { epsilon, momentum } = attrs as unknown as { epsilon: number; momentum: number };
    const y = wasm.makeOutput([rows, cols], 'float32');
    const movingMean = wasm.makeOutput([cols], 'float32');
    const movingVariance = wasm.makeOutput([cols], 'float32');
    if (rows * cols === 0) {
      // No rows: the moments are 0 / 0 (the Mean kernel's NaN), and so the moving averages.
      for (const t of [movingMean, movingVariance]) wasm.typedArrayFromHeap(t).fill(Number.NaN);
      return [y, movingMean, movingVariance];
    }
    // After makeOutput: an allocation may have grown the heap and replaced its views.
    addon.batchNormTrain(
      heap(wasm),
      rows,
      cols,
      heapOffset(wasm, x),
      ...(perFeature.map((t) => heapOffset(wasm, t)) as [number, number, number, number]),
      heapOffset(wasm, y),
      heapOffset(wasm, movingMean),
      heapOffset(wasm, movingVariance),
      epsilon,
      1 - momentum,
    );
    return [y, movingMean, movingVariance];
  };
  return { kernelName: SNN_BATCH_NORM_TRAIN, backendName: target, kernelFunc };
}

/**
 * {@link SNN_BATCH_NORM_TRAIN_GRAD}: [dx, dγ, dβ] of the training batch norm given dy (inputs
 * `dy`, `x`, `gamma`, `beta`) in one native pass: operation for operation what tfjs's backward
 * pass computes through the layer's ops, so all three are its gradients bit for bit where x has
 * no other consumer (see `batch_norm_train_grad_loop`).
 */
function nativeBatchNormTrainGrad(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const dy = inputs['dy'] as TensorInfo;
    const x = inputs['x'] as TensorInfo;
    const gamma = inputs['gamma'] as TensorInfo;
    const beta = inputs['beta'] as TensorInfo;
    const [rows, cols] = matrixShape(SNN_BATCH_NORM_TRAIN_GRAD, x, gamma, beta);
    checkUpstream(SNN_BATCH_NORM_TRAIN_GRAD, dy, x.shape, "x's shape");
    const { epsilon } = attrs as unknown as { epsilon: number };
    const dx = wasm.makeOutput([rows, cols], 'float32');
    const dgamma = wasm.makeOutput([cols], 'float32');
    const dbeta = wasm.makeOutput([cols], 'float32');
    if (rows * cols === 0) {
      // No rows: every sum is 0.
      for (const t of [dgamma, dbeta]) wasm.typedArrayFromHeap(t).fill(0);
      return [dx, dgamma, dbeta];
    }
    addon.batchNormTrainGrad(
      heap(wasm),
      rows,
      cols,
      heapOffset(wasm, dy),
      heapOffset(wasm, x),
      heapOffset(wasm, gamma),
      heapOffset(wasm, dx),
      heapOffset(wasm, dgamma),
      heapOffset(wasm, dbeta),
      epsilon,
    );
    return [dx, dgamma, dbeta];
  };
  return { kernelName: SNN_BATCH_NORM_TRAIN_GRAD, backendName: target, kernelFunc };
}

/**
 * {@link SNN_RANDOM_UNIFORM}: a float32 tensor of `shape` (attr) filled from the Alea state
 * `state` (attr) in one native pass: the numbers seedrandom's `alea` gives from that state, so the
 * tensor is tfjs's seeded `tf.randomUniform(shape, 0, 1, 'float32', seed)` bit for bit.
 */
function nativeRandomUniform(addon: NativeAddon, target: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const { shape, state } = attrs as unknown as { shape: number[]; state: AleaState };
    const out = wasm.makeOutput([...shape], 'float32');
    const size = util.sizeFromShape(shape);
    if (size > 0) {
      addon.aleaUniform(
        heap(wasm),
        size,
        heapOffset(wasm, out),
        state.s0,
        state.s1,
        state.s2,
        state.c,
      );
    }
    return out;
  };
  return { kernelName: SNN_RANDOM_UNIFORM, backendName: target, kernelFunc };
}

/** The attrs of {@link SNN_DROPOUT} and {@link SNN_DROPOUT_GRAD}. */
interface DropoutAttrs {
  mode: 0 | 1;
  threshold: number;
  a: number;
  b: number;
  dropped: number;
}

/**
 * {@link SNN_DROPOUT} (inputs `x`, `noise`) or, with `grad`, {@link SNN_DROPOUT_GRAD} (inputs
 * `dy`, `noise`): a dropout mask from uniform noise and its input gradient in one native pass,
 * rounded as the composites of `applyDropoutMask`, so both are theirs bit for bit (see
 * `dropout_loop` in `native/snn-native.c`).
 */
function nativeDropout(addon: NativeAddon, target: string, grad: boolean): KernelConfig {
  const name = grad ? SNN_DROPOUT_GRAD : SNN_DROPOUT;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const x = inputs[grad ? 'dy' : 'x'] as TensorInfo;
    const noise = inputs['noise'] as TensorInfo;
    if (
      x.dtype !== 'float32' ||
      noise.dtype !== 'float32' ||
      !util.arraysEqual(x.shape, noise.shape)
    ) {
      throw new SnnError(
        `${name}: expected float32 ${grad ? 'dy' : 'x'} and noise of one shape, got ${x.dtype} [${x.shape}] and ${noise.dtype} [${noise.shape}]`,
      );
    }
    const { mode, threshold, a, b, dropped } = attrs as unknown as DropoutAttrs;
    return elementwise(wasm, [x, noise], (h, size, [xo, uo, outo]) =>
      grad
        ? addon.dropoutGrad(h, size, xo!, uo!, outo!, mode, threshold, a)
        : addon.dropout(h, size, xo!, uo!, outo!, mode, threshold, a, b, dropped),
    );
  };
  return { kernelName: name, backendName: target, kernelFunc };
}

/** The wasm kernels a highway gate runs its activations with (those of tfjs's composite). */
interface HighwayActivations {
  relu: KernelFunc;
  sigmoid: KernelFunc;
  step: KernelFunc;
}

/** The carry, transform and gate inputs of a highway kernel: float32 of one shape, or an error. */
function highwayInputs(name: string, inputs: Record<string, unknown>): TensorInfo[] {
  const infos = ['carry', 'transform', 'gate'].map((key) => inputs[key] as TensorInfo);
  const [carry] = infos;
  if (infos.some((t) => t?.dtype !== 'float32' || !util.arraysEqual(t.shape, carry!.shape))) {
    throw new SnnError(
      `${name}: expected float32 carry, transform and gate of one shape, got ${infos.map((t) => (t == null ? 'none' : `${t.dtype} [${t.shape.join(', ')}]`)).join(', ')}; pass the layer's carry and the pre-activations of its transform and gate`,
    );
  }
  return infos;
}

/**
 * {@link SNN_HIGHWAY}: y = c + σ(g)·(relu(h) − c), with ReLU and the sigmoid from `base`'s own
 * kernels (called directly, not through the engine) and the gate in one native pass, rounded as
 * tfjs's add(c, mul(t, sub(h, c))).
 */
function nativeHighway(
  addon: NativeAddon,
  target: string,
  { relu, sigmoid }: HighwayActivations,
): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const wasm = backend as BackendWasm;
    const [carry, transform, gate] = highwayInputs(SNN_HIGHWAY, inputs);
    const h = relu({ inputs: { x: transform! }, backend, attrs: {} }) as TensorInfo;
    const t = sigmoid({ inputs: { x: gate! }, backend, attrs: {} }) as TensorInfo;
    try {
      return elementwise(wasm, [carry!, h, t], (heapView, size, [c, ho, to, y]) =>
        addon.highway(heapView, size, c!, ho!, to!, y!),
      );
    } finally {
      wasm.disposeData(h.dataId);
      wasm.disposeData(t.dataId);
    }
  };
  return { kernelName: SNN_HIGHWAY, backendName: target, kernelFunc };
}

/**
 * {@link SNN_HIGHWAY_GRAD}: [dc, dh, dg] given dy — the gate's gradients and those of ReLU
 * (dy·step(h), `base`'s Step) and of the sigmoid (dy·t·(1 − t)) in one native pass, ReLU and the
 * sigmoid recomputed by `base`'s kernels; rounded as tfjs-core's gradients of the composite.
 */
function nativeHighwayGrad(
  addon: NativeAddon,
  target: string,
  { relu, sigmoid, step }: HighwayActivations,
): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const wasm = backend as BackendWasm;
    const [carry, transform, gate] = highwayInputs(SNN_HIGHWAY_GRAD, inputs);
    const dy = inputs['dy'] as TensorInfo;
    checkUpstream(SNN_HIGHWAY_GRAD, dy, carry!.shape, "the carry's shape");
    const scratch = [
      relu({ inputs: { x: transform! }, backend, attrs: {} }) as TensorInfo,
      sigmoid({ inputs: { x: gate! }, backend, attrs: {} }) as TensorInfo,
      step({ inputs: { x: transform! }, backend, attrs: { alpha: 0 } }) as TensorInfo,
    ];
    try {
      const grads = [0, 1, 2].map(() => wasm.makeOutput([...carry!.shape], 'float32'));
      const size = util.sizeFromShape(carry!.shape);
      if (size > 0) {
        // After makeOutput: an allocation may have grown the heap and replaced its views.
        const [dyo, co, ho, to, so, dco, dho, dgo] = [dy, carry!, ...scratch, ...grads].map(
          (info) => heapOffset(wasm, info),
        );
        addon.highwayGrad(heap(wasm), size, dyo!, co!, ho!, to!, so!, dco!, dho!, dgo!);
      }
      return grads;
    } finally {
      for (const info of scratch) wasm.disposeData(info.dataId);
    }
  };
  return { kernelName: SNN_HIGHWAY_GRAD, backendName: target, kernelFunc };
}

/**
 * The kernel list of `snn-native`: the wasm kernels `base` (those of `snn-wasm`, already carrying
 * `backendName: target`) with the matrix products, `Selu` and `Sum` over leading axes replaced by
 * the addon's, plus the addon's {@link SNN_SELU_GRAD}, {@link SNN_AXPY}, {@link SNN_DENSE},
 * {@link SNN_DENSE_GRAD}, {@link SNN_WEIGHT_NORM},
 * {@link SNN_WEIGHT_NORM_GRAD}, {@link SNN_LAYER_NORM}, {@link SNN_LAYER_NORM_GRAD} (which calls
 * `base`'s `Pow`), {@link SNN_BATCH_NORM_GRAD}, {@link SNN_BATCH_NORM_TRAIN},
 * {@link SNN_BATCH_NORM_TRAIN_GRAD}, {@link SNN_RANDOM_UNIFORM}, {@link SNN_DROPOUT} and
 * {@link SNN_DROPOUT_GRAD}, {@link SNN_HIGHWAY} and {@link SNN_HIGHWAY_GRAD} (which call `base`'s
 * `Relu`, `Sigmoid` and `Step`). A PReLU activation of
 * a fused product runs `base`'s `Prelu` on the product.
 *
 * @param base - Kernels of a tfjs-backend-wasm instance, retargeted to `target`.
 * @param addon - The loaded addon ({@link loadNativeAddon}).
 * @param target - The backend name the kernels are registered under, e.g. `'snn-native'`.
 * @returns The kernel configs to register (`tf.registerKernel`).
 * @example
 * const load = await loadNativeAddon();
 * if (load.ok) {
 *   const base = tf.getKernelsForBackend('wasm').map((k) => ({ ...k, backendName: 'my-native' }));
 *   for (const kernel of nativeKernels(base, load.addon, 'my-native')) tf.registerKernel(kernel);
 * }
 */
export function nativeKernels(
  base: readonly KernelConfig[],
  addon: NativeAddon,
  target: string,
): KernelConfig[] {
  const find = (name: string) => base.find((config) => config.kernelName === name)?.kernelFunc;
  const needed = [Prelu, Pow, Relu, Sigmoid, Step];
  const missing = needed.filter((name) => find(name) == null);
  if (missing.length > 0) {
    throw new SnnError(
      `nativeKernels: \`base\` must hold the wasm kernels (${needed.join(', ')} among them), got ${base.length} kernels without ${missing.join(', ')}; pass the kernels of a tfjs-backend-wasm instance, e.g. tf.getKernelsForBackend('wasm')`,
    );
  }
  const [prelu, pow] = [find(Prelu)!, find(Pow)!];
  const activations = { relu: find(Relu)!, sigmoid: find(Sigmoid)!, step: find(Step)! };
  const replaced = base.map((config) => {
    if (config.kernelName === BatchMatMul || config.kernelName === _FusedMatMul) {
      return nativeMatMul(config, addon, prelu);
    }
    if (config.kernelName === Selu) return nativeSelu(config, addon);
    if (config.kernelName === Sum) return nativeSum(config, addon);
    return config;
  });
  return [
    ...replaced,
    nativeSeluGrad(addon, target),
    nativeAxpy(addon, target),
    nativeDense(addon, target),
    nativeDenseGrad(addon, target),
    nativeWeightNorm(addon, target),
    nativeWeightNormGrad(addon, target),
    nativeLayerNorm(addon, target),
    nativeLayerNormGrad(addon, target, pow),
    nativeBatchNormGrad(addon, target),
    nativeBatchNormTrain(addon, target),
    nativeBatchNormTrainGrad(addon, target),
    nativeRandomUniform(addon, target),
    nativeDropout(addon, target, false),
    nativeDropout(addon, target, true),
    nativeHighway(addon, target, activations),
    nativeHighwayGrad(addon, target, activations),
  ];
}
