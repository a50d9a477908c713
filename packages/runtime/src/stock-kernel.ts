import { type KernelFunc, type TensorInfo, getKernel } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';

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
