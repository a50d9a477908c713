import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  util,
  All,
  Any,
  ArgMax,
  ArgMin,
  type DataType,
  type KernelConfig,
  type KernelFunc,
  Max,
  Mean,
  Min,
  Prod,
  Sum,
  type TensorInfo,
  backend_util,
} from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../../internal/snn-error';

/**
 * What a reduction over no elements gives: the identity of the operation (Σ∅ = 0, Π∅ = 1,
 * any(∅) = false, all(∅) = true, as NumPy and PyTorch define them; max(∅) = −∞ and min(∅) = +∞,
 * as TensorFlow's `reduce_max` / `reduce_min` define them, so log Σ exp over nothing is
 * −∞ + log 0 = −∞, PyTorch's `logsumexp`) and, for the mean, 0/0 = NaN. Integer and boolean
 * outputs get the nearest value of their type (max over no int32 is −2³¹, as in TensorFlow).
 */
export const EMPTY_REDUCTION: Readonly<Record<string, number>> = {
  [Sum]: 0,
  [Prod]: 1,
  [Any]: 0,
  [All]: 1,
  [Mean]: Number.NaN,
  [Max]: Number.NEGATIVE_INFINITY,
  [Min]: Number.POSITIVE_INFINITY,
};

/**
 * Reductions that return a position: over an empty axis there is none to return, so they refuse
 * it, as NumPy, PyTorch and TensorFlow do.
 */
export const EMPTY_ARG_REDUCTIONS: readonly string[] = [ArgMax, ArgMin];

/** `value` as the nearest value `dtype` can hold (±∞ → the int32 range, or false / true). */
function inDtype(value: number, dtype: DataType): number {
  if (dtype === 'int32') return Math.min(2 ** 31 - 1, Math.max(-(2 ** 31), value));
  if (dtype === 'bool') return Math.min(1, Math.max(0, value));
  return value;
}

/**
 * A reduction kernel of the fast wasm backends that gives {@link EMPTY_REDUCTION}'s value where an
 * axis it reduces over is empty (e.g. `tf.sum(tf.zeros([0, 4]), 0)`), and runs the stock kernel
 * otherwise. The stock wasm kernels leave such outputs unwritten: `tf.sum(tf.zeros([0, 4]), 0)`
 * returned 3.6e-41, … , `tf.max` the same and `tf.any` 128 (whatever the heap held there).
 *
 * @param stock - The stock kernel (`Sum`, `Prod`, `Any`, `All`, `Mean`, `Max` or `Min`).
 * @param target - The name the kernel is registered under (`'snn-wasm'`).
 */
export function emptyReductionKernel(stock: KernelConfig, target: string): KernelConfig {
  const value = EMPTY_REDUCTION[stock.kernelName]!;
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (util.sizeFromShape(x.shape) > 0) return stock.kernelFunc(args);
    // Max names its axes `reductionIndices`, the others `axis`; null (a full reduction) is read
    // by parseAxisParam as every axis.
    const { axis, reductionIndices, keepDims } = args.attrs as unknown as {
      axis?: number | number[];
      reductionIndices?: number | number[];
      keepDims: boolean;
    };
    const axes = util.parseAxisParam((axis ?? reductionIndices) as number | number[], x.shape);
    const [reduced] = backend_util.computeOutAndReduceShapes(x.shape, axes);
    const outShape = keepDims ? backend_util.expandShapeToKeepDim(reduced, axes) : reduced;
    const dtype =
      stock.kernelName === Mean
        ? 'float32'
        : stock.kernelName === Any || stock.kernelName === All
          ? 'bool'
          : x.dtype;
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(outShape, dtype);
    if (util.sizeFromShape(outShape) > 0) {
      (backend.typedArrayFromHeap(out) as Float32Array | Int32Array | Uint8Array).fill(
        inDtype(value, dtype),
      );
    }
    return out;
  };
  return { ...stock, backendName: target, kernelFunc };
}

/**
 * `ArgMax` / `ArgMin` of the fast wasm backends: refuses an axis with no elements (the stock
 * kernels returned 0, an index that does not exist, and the cpu backend does the same) with an
 * error naming the shape and the axis, and runs the stock kernel otherwise.
 *
 * @param stock - The stock `ArgMax` or `ArgMin` kernel.
 * @param target - The name the kernel is registered under (`'snn-wasm'`).
 * @example
 * tf.argMax(tf.zeros([0, 3]), 0); // throws: argMax over axis 0 of a tensor of shape [0,3] …
 */
export function emptyArgReductionKernel(stock: KernelConfig, target: string): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    const [axis] = util.parseAxisParam((args.attrs as unknown as { axis: number }).axis, x.shape);
    if (axis !== undefined && x.shape[axis] === 0) {
      const op = stock.kernelName === ArgMax ? 'argMax' : 'argMin';
      throw new SnnError(
        `${op} over axis ${axis} of a tensor of shape [${x.shape.join(',')}]: that axis has no elements, so there is no position to return (NumPy, PyTorch and TensorFlow refuse it too); reduce over an axis with elements, or check why the input is empty`,
      );
    }
    return stock.kernelFunc(args);
  };
  return { ...stock, backendName: target, kernelFunc };
}
