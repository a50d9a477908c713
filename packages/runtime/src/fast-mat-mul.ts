import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
  Transpose,
  _FusedMatMul,
  getKernel,
} from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';

/**
 * Why this file exists: the stock wasm `BatchMatMul` and `_FusedMatMul` kernels hand XNNPACK's
 * fully-connected operator only the case `!transposeA && !transposeB` with a batch of one; any
 * transposed operand falls back to a naive blocked triple loop that is 10–12× slower. Both matmul
 * gradients set a transpose flag (dA = dC·Bᵀ, dB = Aᵀ·dC), so a training step spends most of its
 * time there. Materialising the transposed operand with the wasm `Transpose` kernel (≈ 2 ms for
 * 784²) and then taking the XNNPACK path computes the same product:
 *
 *   op(A)·op(B) with op(M) = Mᵀ if the flag is set, else M
 *   = transpose(A)·transpose(B) with both flags cleared.
 *
 * Batched products (a leading batch dimension larger than one) take the stock slow path in any
 * case, so they are passed through unchanged.
 */

/** Swaps the last two axes with the backend's own `Transpose` kernel; the caller frees the result. */
function transposeLastTwo(
  x: TensorInfo,
  backend: BackendWasm,
  transpose: KernelFunc,
  backendName: string,
): TensorInfo {
  const rank = x.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  const out = transpose({ inputs: { x }, backend, attrs: { perm } as unknown as NamedAttrMap });
  if (Array.isArray(out)) {
    throw new SnnError(
      `enableFastWasm: the ${backendName} Transpose kernel returned several outputs; expected one`,
    );
  }
  return out;
}

/** Product of every dimension but the last two (the batch of a batched matmul). */
function batchSize(shape: number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length - 2; i++) size *= shape[i]!;
  return size;
}

/**
 * Wraps a stock matmul kernel (`BatchMatMul` or `_FusedMatMul`) so that transposed operands of an
 * unbatched product are transposed explicitly and the stock kernel runs with both flags cleared.
 */
function withExplicitTranspose(stock: KernelConfig, source: string, target: string): KernelConfig {
  const transposeConfig = getKernel(Transpose, source);
  if (transposeConfig == null) {
    throw new SnnError(
      `enableFastWasm: the '${source}' backend registers no Transpose kernel; import '@tensorflow/tfjs-backend-wasm' before calling it`,
    );
  }
  const transpose = transposeConfig.kernelFunc;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const { transposeA, transposeB } = (attrs ?? {}) as {
      transposeA?: boolean;
      transposeB?: boolean;
    };
    const a = inputs['a'] as TensorInfo;
    const b = inputs['b'] as TensorInfo;
    const batched = batchSize(a.shape) > 1 || batchSize(b.shape) > 1;
    if ((!transposeA && !transposeB) || batched) {
      return stock.kernelFunc({ inputs, backend, attrs });
    }
    const temporaries: TensorInfo[] = [];
    const explicitA = transposeA ? transposeLastTwo(a, wasm, transpose, source) : a;
    if (transposeA) temporaries.push(explicitA);
    const explicitB = transposeB ? transposeLastTwo(b, wasm, transpose, source) : b;
    if (transposeB) temporaries.push(explicitB);
    try {
      return stock.kernelFunc({
        inputs: { ...inputs, a: explicitA, b: explicitB },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      // Freeing the transposed copy also drops the XNNPACK operator cached on its tensor id.
      for (const t of temporaries) wasm.disposeData(t.dataId);
    }
  };
  return { ...stock, backendName: target, kernelFunc };
}

/**
 * The kernel list of the fast wasm backend: every kernel the stock `source` backend registers
 * (same functions, so the same numerics), with `BatchMatMul` and `_FusedMatMul` replaced by
 * versions that never hit the slow transposed path.
 *
 * @param source - The stock backend whose kernels are reused (`'wasm'`).
 * @param target - The name the kernels are registered under (`'snn-wasm'`).
 */
export function fastWasmKernels(
  stockKernels: readonly KernelConfig[],
  source: string,
  target: string,
): KernelConfig[] {
  return stockKernels.map((config) =>
    config.kernelName === BatchMatMul || config.kernelName === _FusedMatMul
      ? withExplicitTranspose(config, source, target)
      : { ...config, backendName: target },
  );
}
