import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import { type LossFunction, type LossName, perExampleLoss, resolveLoss } from './losses';

/** Rows per forward pass of {@link evaluateLoss} when no batch size is given. */
export const DEFAULT_EVALUATION_BATCH = 1024;

/** Options of {@link evaluateLoss}. */
export interface EvaluateLossOptions {
  /** Rows per forward pass, a positive integer. Default 1024. */
  batchSize?: number;
  /**
   * Run the model in training mode: BatchNorm normalizes each batch with its own statistics (how
   * the paper evaluates Figure 1's training loss) and dropout layers drop. Default false
   * (inference mode).
   */
  training?: boolean;
}

/**
 * The mean loss of `model` over all of (`x`, `y`), one host read at the end:
 * L = (1/n) Σᵢ ℓ(yᵢ, f(xᵢ)). For a custom loss function, the batch means are weighted by batch
 * size (exact for any loss that is a mean over examples). Regularisation penalties are not
 * included: this is the data loss that Figure 1 of the paper plots.
 *
 * A model that diverged gives NaN: when any prediction is NaN or ±∞ the result is NaN, even where
 * the loss clips probabilities to [ε, 1 − ε] (some backends' clip turns NaN into ε, which would
 * hide a diverged network behind −ln ε ≈ 16.1).
 *
 * @param model - A built tfjs-layers model.
 * @param x - Inputs, n rows.
 * @param y - Targets, n rows.
 * @param loss - A loss name (see `LOSS_NAMES`) or a custom batch-mean loss function.
 * @param options - `batchSize` (default 1024) and `training` (default false).
 * @returns The mean loss as a number (NaN if the model diverged).
 * @example
 * const loss = await evaluateLoss(model, x, y, 'categoricalCrossentropy');
 * const batchNormTrainingLoss = await evaluateLoss(model, x, y, 'categoricalCrossentropy', {
 *   batchSize: 128,
 *   training: true,
 * });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function evaluateLoss(
  model: LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: LossName | LossFunction,
  options: EvaluateLossOptions = {},
): Promise<number> {
  const lossFn = resolveLoss(loss, 'evaluateLoss');
  const n = checkRows('evaluateLoss', x, y);
  const { batchSize = DEFAULT_EVALUATION_BATCH, training = false } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new SnnError(
      `evaluateLoss: \`batchSize\` must be a positive integer, got ${batchSize}; pass e.g. 1024`,
    );
  }
  let total = tf.scalar(0);
  let finite = tf.scalar(true, 'bool');
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const [nextTotal, nextFinite] = tf.tidy(() => {
      const xb = size === n ? x : sliceRows(x, start, size);
      const yb = size === n ? y : sliceRows(y, start, size);
      const pred = (
        training ? model.apply(xb, { training: true }) : model.predict(xb)
      ) as tf.Tensor;
      const batchTotal =
        typeof loss === 'string'
          ? tf.sum(perExampleLoss(loss, yb, pred))
          : tf.mul(lossFn(yb, pred), size);
      return [tf.add(total, batchTotal), tf.logicalAnd(finite, tf.all(tf.isFinite(pred)))];
    });
    tf.dispose([total, finite]);
    total = nextTotal as tf.Scalar;
    finite = nextFinite as tf.Scalar;
  }
  try {
    const [sum, ok] = await Promise.all([total.data(), finite.data()]);
    return ok[0] === 1 ? sum[0]! / n : Number.NaN;
  } finally {
    tf.dispose([total, finite]);
  }
}

/** Rows `start … start + size − 1` of `t` (first axis). */
export function sliceRows(t: tf.Tensor, start: number, size: number): tf.Tensor {
  const begin = t.shape.map((_, i) => (i === 0 ? start : 0));
  const sizes = t.shape.map((d, i) => (i === 0 ? size : d));
  return tf.slice(t, begin, sizes);
}

/** Checks that `x` and `y` have the same positive number of rows and returns it. */
export function checkRows(caller: string, x: tf.Tensor, y: tf.Tensor): number {
  const n = x.shape[0];
  if (n == null || n < 1 || x.shape.length < 1) {
    throw new SnnError(
      `${caller}: \`x\` must have at least one row, got shape [${x.shape.join(', ')}]; pass n × features inputs`,
    );
  }
  if (y.shape[0] !== n) {
    throw new SnnError(
      `${caller}: \`x\` and \`y\` must have the same number of rows, got ${n} and ${y.shape[0]}; pass targets aligned with the inputs`,
    );
  }
  return n;
}
