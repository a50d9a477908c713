import * as tf from '@tensorflow/tfjs-core';
import {
  Expm1,
  type KernelConfig,
  type KernelFunc,
  Selu,
  type TensorInfo,
  backend_util,
} from '@tensorflow/tfjs-core';
import { SNN_SELU_GRAD, routeSeluGradient } from '../../../../../internal/selu-gradient-kernel';

/** SELU's λ and λ·α, the constants of tfjs-core's own `Selu` kernels. */
const { SELU_SCALE, SELU_SCALEALPHA } = backend_util;

/** What tfjs-backend-webgpu's `webgpu_util` exports and the programs use. */
export interface WebGpuUtil {
  flatDispatchLayout(shape: number[]): { x: number[] };
  computeDispatch(
    layout: { x: number[] },
    outputShape: number[],
    workgroupSize: [number, number, number],
  ): [number, number, number];
}

/** The parts of `WebGPUBackend` the kernels call. */
interface WebGpuRunner {
  runWebGPUProgram(program: object, inputs: TensorInfo[], outputDtype: string): TensorInfo;
}

/** f32 literal for WGSL: enough digits to round to the same float. */
const f32 = (value: number) => Math.fround(value).toPrecision(9);

/** The float32 nearest to `value`, and the float32 nearest to what it leaves out. */
const split = (value: number) => [Math.fround(value), Math.fround(value - Math.fround(value))];
const [LAMBDA_HI, LAMBDA_LO] = split(SELU_SCALE);
const [LAMBDA_ALPHA_HI, LAMBDA_ALPHA_LO] = split(SELU_SCALEALPHA);

/** Taylor coefficients 1/k! of e^x − 1 for k = 2 … 13, highest first, for Horner's scheme. */
const EXPM1_COEFFICIENTS = Array.from({ length: 12 }, (_, i) => 13 - i).map((k) => {
  let factorial = 1;
  for (let j = 2; j <= k; j++) factorial *= j;
  return 1 / factorial;
});

/**
 * WGSL helpers: `snnExpm1(x)` = e^x − 1 by its Taylor series to x¹³/13! for |x| ≤ 1 (truncation
 * below 1e-11 relative) and `exp(x) − 1` beyond, where nothing cancels — WGSL has no expm1, and
 * `exp(x) − 1` loses every digit as x → 0 (relative error 1 at x = −1e-8); `snnScale(c_hi, c_lo,
 * v)` = c·v with the constant c carried in two floats, so that the product is rounded once.
 */
const HELPERS = `
fn snnExpm1(x : f32) -> f32 {
  if (abs(x) <= 1.0) {
    var p = ${f32(EXPM1_COEFFICIENTS[0]!)};
    ${EXPM1_COEFFICIENTS.slice(1)
      .map((c) => `p = fma(p, x, ${f32(c)});`)
      .join('\n    ')}
    p = fma(p, x, 1.0);
    return p * x;
  }
  return exp(x) - 1.0;
}
fn snnScale(hi : f32, lo : f32, v : f32) -> f32 {
  return fma(hi, v, lo * v);
}`;

/** One output element per input element: `body` reads the inputs at `index` and sets `y`. */
class ElementwiseProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly shaderKey: string;
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [128, 1, 1];
  readonly size = true;
  private readonly body: string;

  constructor(util: WebGpuUtil, key: string, names: string[], shape: number[], body: string) {
    this.variableNames = names;
    this.outputShape = shape;
    this.shaderKey = key;
    this.body = body;
    this.dispatchLayout = util.flatDispatchLayout(shape);
    this.dispatch = util.computeDispatch(this.dispatchLayout, shape, this.workgroupSize);
  }

  getUserCode(): string {
    return `${HELPERS}
fn main(index : i32) {
  if (index < uniforms.size) {
    var y : f32;
    ${this.body}
    setOutputAtIndex(index, y);
  }
}`;
  }
}

/**
 * A kernel function that runs `body` (WGSL reading `X[index]`, writing `y`) as one elementwise pass
 * on float32 input, after `before()`, and the backend's stock kernel for every other dtype.
 */
function unaryFloat32Kernel(
  util: WebGpuUtil,
  stock: KernelConfig,
  name: string,
  body: string,
  before: () => void = () => {},
): KernelFunc {
  return (args) => {
    const x = args.inputs['x'] as TensorInfo;
    if (x.dtype !== 'float32') return stock.kernelFunc(args);
    before();
    const program = new ElementwiseProgram(util, name, ['X'], x.shape, body);
    return (args.backend as unknown as WebGpuRunner).runWebGPUProgram(program, [x], 'float32');
  };
}

/**
 * `Selu` on the webgpu backend as one WGSL pass: λ·x for x > 0, λα·(eˣ − 1) for x ≤ 0 with e^x − 1
 * from its series near 0. tfjs-backend-webgpu's own kernel computes `exp(x) − 1`, which cancels
 * near 0 as the stock wasm kernel does (relative error 1e-5 at x = −1e-3). NaN stays NaN,
 * selu(−∞) = −λα. Other dtypes run the stock kernel.
 *
 * @param util - tfjs-backend-webgpu's `webgpu_util`.
 * @param stock - The stock `Selu` kernel of the backend, for non-float32 input.
 * @param backendName - The name the kernel is registered under (`'webgpu'`).
 */
export function webGpuSeluKernel(
  util: WebGpuUtil,
  stock: KernelConfig,
  backendName: string,
): KernelConfig {
  const body = `let x = X[index];
    if (x > 0.0) {
      y = snnScale(${f32(LAMBDA_HI!)}, ${f32(LAMBDA_LO!)}, x);
    } else {
      y = snnScale(${f32(LAMBDA_ALPHA_HI!)}, ${f32(LAMBDA_ALPHA_LO!)}, snnExpm1(x));
    }`;
  const kernelFunc = unaryFloat32Kernel(util, stock, 'snn_selu', body, () =>
    routeSeluGradient(backendName),
  );
  return { kernelName: Selu, backendName, kernelFunc };
}

/**
 * `Expm1` (e^x − 1) on the webgpu backend, accurate near 0 (`snnExpm1`: its series for |x| ≤ 1);
 * tfjs-backend-webgpu's own kernel computes `exp(x) − 1`. SELU with other α, λ than the paper's
 * (@snn/selu's `selu(x, {alpha, lambda})`) goes through it. Other dtypes run the stock kernel.
 *
 * @param util - tfjs-backend-webgpu's `webgpu_util`.
 * @param stock - The stock `Expm1` kernel of the backend, for non-float32 input.
 * @param backendName - The name the kernel is registered under (`'webgpu'`).
 */
export function webGpuExpm1Kernel(
  util: WebGpuUtil,
  stock: KernelConfig,
  backendName: string,
): KernelConfig {
  const kernelFunc = unaryFloat32Kernel(util, stock, 'snn_expm1', 'y = snnExpm1(X[index]);');
  return { kernelName: Expm1, backendName, kernelFunc };
}

/**
 * {@link SNN_SELU_GRAD} on the webgpu backend as one WGSL pass (tfjs's gradient of `Selu` is six
 * kernels: a mask, two products, an exponential, another product and a select).
 *
 * @param util - tfjs-backend-webgpu's `webgpu_util`.
 * @param backendName - The name the kernel is registered under (`'webgpu'`).
 */
export function webGpuSeluGradKernel(util: WebGpuUtil, backendName: string): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend }) => {
    const dy = inputs['dy'] as TensorInfo;
    const x = inputs['x'] as TensorInfo;
    const program = new ElementwiseProgram(
      util,
      'snn_selu_grad',
      ['DY', 'X'],
      x.shape,
      `let x = X[index];
    let dy = DY[index];
    if (x > 0.0) {
      y = snnScale(${f32(LAMBDA_HI!)}, ${f32(LAMBDA_LO!)}, dy);
    } else {
      y = snnScale(${f32(LAMBDA_ALPHA_HI!)}, ${f32(LAMBDA_ALPHA_LO!)}, exp(x) * dy);
    }`,
    );
    return (backend as unknown as WebGpuRunner).runWebGPUProgram(program, [dy, x], 'float32');
  };
  return { kernelName: SNN_SELU_GRAD, backendName, kernelFunc };
}
