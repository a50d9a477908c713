import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  util,
  All,
  Any,
  type KernelConfig,
  type KernelFunc,
  Mean,
  Prod,
  Sum,
  type TensorInfo,
  backend_util,
} from '@tensorflow/tfjs-core';

/**
 * What a reduction over no elements gives, as NumPy and PyTorch define it: the identity of the
 * operation (Σ∅ = 0, Π∅ = 1, any(∅) = false, all(∅) = true) and, for the mean, 0/0 = NaN.
 * Max, min and their arg versions have no identity (both libraries raise) and are not listed.
 */
export const EMPTY_REDUCTION: Readonly<Record<string, number>> = {
  [Sum]: 0,
  [Prod]: 1,
  [Any]: 0,
  [All]: 1,
  [Mean]: Number.NaN,
};

/**
 * A reduction kernel of the fast wasm backends that gives {@link EMPTY_REDUCTION}'s value where an
 * axis it reduces over is empty (e.g. `tf.sum(tf.zeros([0, 4]), 0)`), and runs the stock kernel
 * otherwise. The stock wasm kernels leave such outputs unwritten: `tf.sum(tf.zeros([0, 4]), 0)`
 * returned 3.6e-41, … and `tf.any` 128 (whatever the heap held there).
 *
 * @param stock - The stock kernel (`Sum`, `Prod`, `Any`, `All` or `Mean`).
 * @param target - The name the kernel is registered under (`'snn-wasm'`).
 */
export function emptyReductionKernel(stock: KernelConfig, target: string): KernelConfig {
  const value = EMPTY_REDUCTION[stock.kernelName]!;
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (util.sizeFromShape(x.shape) > 0) return stock.kernelFunc(args);
    const { axis, keepDims } = args.attrs as unknown as {
      axis: number | number[];
      keepDims: boolean;
    };
    const axes = util.parseAxisParam(axis, x.shape);
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
      (backend.typedArrayFromHeap(out) as Float32Array | Int32Array | Uint8Array).fill(value);
    }
    return out;
  };
  return { ...stock, backendName: target, kernelFunc };
}
