import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type KernelFunc, type TensorInfo, getKernel } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../../internal/snn-error';

/** The kernel function `source` registers for `kernelName`, or an error saying what to import. */
export function stockKernel(kernelName: string, source: string): KernelFunc {
  const config = getKernel(kernelName, source);
  if (config == null) {
    throw new SnnError(
      `enableFastWasm: the '${source}' backend registers no ${kernelName} kernel; import '@tensorflow/tfjs-backend-wasm' before calling it`,
    );
  }
  return config.kernelFunc;
}

/** The single output of a kernel call. */
export function singleOutput(out: TensorInfo | TensorInfo[], name: string): TensorInfo {
  if (Array.isArray(out)) {
    throw new SnnError(`enableFastWasm: the ${name} kernel returned several outputs; expected one`);
  }
  return out;
}

/** The intermediate outputs of a kernel composed of other kernels. */
export interface Temporaries {
  /** Records a kernel call's single output as an intermediate and returns it. */
  keep(out: TensorInfo | TensorInfo[], name: string): TensorInfo;
  /** A float32 scalar intermediate holding `value`. */
  scalar(value: number): TensorInfo;
}

/**
 * Runs a composed kernel's `body` and frees every intermediate it recorded when it returns or
 * throws; what `body` returns is not recorded and stays. Freeing a transposed copy also drops the
 * XNNPACK operator cached on its tensor id.
 */
export function withTemporaries<T>(backend: BackendWasm, body: (t: Temporaries) => T): T {
  const recorded: TensorInfo[] = [];
  const record = (info: TensorInfo) => {
    recorded.push(info);
    return info;
  };
  try {
    return body({
      keep: (out, name) => record(singleOutput(out, name)),
      scalar: (value) =>
        record(backend.makeOutput([], 'float32', undefined, new Float32Array([value]))),
    });
  } finally {
    for (const info of recorded) backend.disposeData(info.dataId);
  }
}
