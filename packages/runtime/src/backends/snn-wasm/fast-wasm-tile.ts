import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

/** The typed arrays a wasm tensor's memory is viewed as (float32, int32, bool). */
type HeapArray = Float32Array | Int32Array | Uint8Array;

/**
 * Writes `x` (of `shape`) tiled `reps` times along each axis into `out`:
 *
 *   out[i₀, …, iₙ₋₁] = x[i₀ mod s₀, …, iₙ₋₁ mod sₙ₋₁],   out's shape sᵢ·repsᵢ
 *
 * Axis by axis, outermost first: the blocks of the inner axes are written once, then copied
 * reps − 1 times with `copyWithin`, so the work is one pass over `out` in large copies.
 *
 * @example
 * const out = new Float32Array(6);
 * tileInto(new Float32Array([1, 2]), [1, 2], [3, 1], out); // out = [1, 2, 1, 2, 1, 2]
 */
export function tileInto(
  x: HeapArray,
  shape: readonly number[],
  reps: readonly number[],
  out: HeapArray,
): void {
  const rank = shape.length;
  if (rank === 0) {
    if (out.length > 0) out[0] = x[0]!;
    return;
  }
  // xStride[a], outStride[a]: elements per step along axis a in x and in out.
  const xStride = new Array<number>(rank).fill(1);
  const outStride = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) {
    xStride[a] = xStride[a + 1]! * shape[a + 1]!;
    outStride[a] = outStride[a + 1]! * shape[a + 1]! * reps[a + 1]!;
  }
  const fill = (axis: number, xOffset: number, outOffset: number): void => {
    const block = shape[axis]! * outStride[axis]!;
    if (axis === rank - 1) {
      out.set(x.subarray(xOffset, xOffset + shape[axis]!), outOffset);
    } else {
      for (let i = 0; i < shape[axis]!; i++) {
        fill(axis + 1, xOffset + i * xStride[axis]!, outOffset + i * outStride[axis]!);
      }
    }
    for (let k = 1; k < reps[axis]!; k++) {
      out.copyWithin(outOffset + k * block, outOffset, outOffset + block);
    }
  };
  fill(0, 0, 0);
}

/**
 * The `Tile` kernel of the fast wasm backends: {@link tileInto} on the wasm heap instead of the
 * stock kernel's loop over every output element with its index arithmetic, which takes 0.7 ms for
 * the 32 × 256 tile tfjs-core's batch-norm gradient makes per layer and step (a quarter of the
 * step of a 16-layer BatchNorm network of width 256 at batch 32). A copy, so the output equals
 * the stock kernel's bit for bit. String tensors take the stock kernel.
 *
 * @param stock - The stock `Tile` kernel.
 * @param target - The name the kernel is registered under (`'snn-wasm'`).
 */
export function fastTileKernel(stock: KernelConfig, target: string): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype === 'string' || x.dtype === 'complex64') return stock.kernelFunc(args);
    const { reps } = args.attrs as unknown as { reps: number[] };
    const backend = args.backend as BackendWasm;
    const outShape = x.shape.map((size, i) => size * reps[i]!);
    const out = backend.makeOutput(outShape, x.dtype);
    if (outShape.every((size) => size > 0)) {
      // After makeOutput: an allocation may have grown the heap and replaced its views.
      const xs = backend.typedArrayFromHeap(x) as HeapArray;
      tileInto(xs, x.shape, reps, backend.typedArrayFromHeap(out) as HeapArray);
    }
    return out;
  };
  return { ...stock, backendName: target, kernelFunc };
}
