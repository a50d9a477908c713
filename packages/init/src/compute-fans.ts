import { SnnError } from '../../../internal/snn-error';

/** Fan-in and fan-out of a weight shape. */
export interface Fans {
  /** Number of inputs feeding one output unit: `n` in Var(w) = 1/n. */
  fanIn: number;
  /** Number of outputs fed by one input unit. */
  fanOut: number;
}

/**
 * Fan-in and fan-out of a weight shape, by the same rule tfjs-layers' initializers use.
 *
 * Kernels are channels-last, as every tfjs-layers kernel is (even for `channelsFirst` layers):
 * - rank 2 (Dense `[inputDim, units]`): fanIn = shape[0], fanOut = shape[1];
 * - rank 3–5 (Conv1D/2D/3D `[...kernelSize, inChannels, outChannels]`):
 *   fanIn = prod(kernelSize)·inChannels, fanOut = prod(kernelSize)·outChannels;
 * - any other rank (e.g. a bias vector): fanIn = fanOut = √(prod(shape)).
 *
 * @param shape Weight shape: at least one dimension, every dimension a non-negative integer.
 * @returns `{ fanIn, fanOut }`.
 * @throws SnnError if the shape has no dimensions or a dimension is not a non-negative integer.
 *
 * @example
 * computeFans([784, 256]);     // { fanIn: 784, fanOut: 256 }
 * computeFans([3, 3, 16, 32]); // { fanIn: 144, fanOut: 288 }
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export function computeFans(shape: readonly (number | null)[]): Fans {
  return computeFansFor('computeFans', shape);
}

/** {@link computeFans} with errors that name the calling function. */
export function computeFansFor(caller: string, shape: readonly (number | null)[]): Fans {
  if (!Array.isArray(shape) || shape.length < 1) {
    throw new SnnError(
      `${caller}: \`shape\` must have at least 1 dimension, got ${JSON.stringify(shape)}; pass the full weight shape, e.g. [fanIn, units] for a Dense kernel`,
    );
  }
  for (const dim of shape) {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) {
      throw new SnnError(
        `${caller}: every dimension of \`shape\` must be a non-negative integer, got ` +
          `${JSON.stringify(shape)}; initializers need a fully known shape`,
      );
    }
  }
  const dims = shape as readonly number[];
  const rank = dims.length;
  if (rank === 2) return { fanIn: dims[0]!, fanOut: dims[1]! };
  if (rank >= 3 && rank <= 5) {
    const receptiveField = product(dims.slice(0, rank - 2));
    return {
      fanIn: dims[rank - 2]! * receptiveField,
      fanOut: dims[rank - 1]! * receptiveField,
    };
  }
  const root = Math.sqrt(product(dims));
  return { fanIn: root, fanOut: root };
}

/**
 * The fan-in of `shape`, required to be positive: an initializer scaled by 1/fanIn has no
 * meaning for a weight with no inputs.
 */
export function positiveFanIn(caller: string, shape: readonly (number | null)[]): number {
  const { fanIn } = computeFansFor(caller, shape);
  if (!(fanIn > 0)) {
    throw new SnnError(
      `${caller}: the fan-in of \`shape\` must be at least 1, got ${fanIn} for shape ` +
        `${JSON.stringify(shape)}; a weight with no inputs cannot be scaled by 1/fanIn`,
    );
  }
  return fanIn;
}

function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}
