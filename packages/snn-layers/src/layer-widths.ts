import { SnnError } from '../../../internal/snn-error';

/** `'rectangular'`: every hidden layer has `width` units; `'conic'`: widths shrink geometrically. */
export type NetworkShape = 'rectangular' | 'conic';

/** Options of {@link layerWidths}. */
export interface LayerWidthsOptions {
  /** Units of the first hidden layer (of every hidden layer for `'rectangular'`). */
  width: number;
  /** Number of hidden layers (residual blocks for ResNet). */
  depth: number;
  /** Size of the output layer, where a conic network's geometric progression ends. */
  outputDim: number;
  /** Default `'rectangular'`. */
  shape?: NetworkShape;
}

/**
 * Widths of the hidden layers, input to output.
 *
 * `'conic'` (the paper's UCI/Tox21 grids): width shrinks geometrically from `width` towards
 * `outputDim`, which the output layer would reach one step after the last hidden layer:
 * wᵢ = max(1, round(width · (outputDim / width)^(i / depth))), i = 0 … depth − 1.
 *
 * @example layerWidths({width: 64, depth: 4, outputDim: 4, shape: 'conic'}) // [64, 32, 16, 8]
 * @see https://arxiv.org/abs/1706.02515
 */
export function layerWidths(options: LayerWidthsOptions): number[] {
  const { width, depth, outputDim, shape = 'rectangular' } = options;
  for (const [arg, value] of [
    ['width', width],
    ['depth', depth],
    ['outputDim', outputDim],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new SnnError(
        `layerWidths: \`${arg}\` must be a positive integer, got ${JSON.stringify(value)}; pass e.g. 64`,
      );
    }
  }
  if (shape !== 'rectangular' && shape !== 'conic') {
    throw new SnnError(
      `layerWidths: \`shape\` must be 'rectangular' or 'conic', got ${JSON.stringify(shape)}; pass one of these`,
    );
  }
  const ratio = outputDim / width;
  return Array.from({ length: depth }, (_, i) =>
    shape === 'rectangular' ? width : Math.max(1, Math.round(width * ratio ** (i / depth))),
  );
}
