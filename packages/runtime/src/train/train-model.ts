import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import { epochPermutation, randomSeed } from './epoch-permutation';
import { checkRows, evaluateLoss } from './evaluate-loss';
import { type LossFunction, type LossName, resolveLoss } from './losses';
import { minimizeStep } from './optimizer-step';

/** Options of {@link trainModel}. */
export interface TrainOptions {
  /** Index one past the last epoch to run (Keras's `epochs`): runs epochs `initialEpoch … epochs − 1`. */
  epochs: number;
  /** Examples per step, positive integer; the last batch of an epoch holds the remainder. */
  batchSize: number;
  /** Any tfjs optimizer, e.g. `tf.train.sgd(0.01)`; its state persists across calls. */
  optimizer: tf.Optimizer;
  /** A loss name (Keras semantics, see `perExampleLoss`) or a custom batch-mean loss function. */
  loss: LossName | LossFunction;
  /** Shuffle seed: epoch e's order depends only on (seed, e), so a resumed run is identical. Default: random. */
  seed?: number;
  /** Shuffle the examples every epoch; default true. */
  shuffle?: boolean;
  /** Epochs already done (resume); default 0. */
  initialEpoch?: number;
  /**
   * Host sync granularity of the running batch-loss mean: `'epoch'` (default) reads it once per
   * epoch; a positive integer N also reads it every N steps, which detects divergence sooner and
   * lets the event loop run (timers, an `AbortSignal`).
   */
  lossEvery?: 'epoch' | number;
  /**
   * If true, each epoch's reported loss is the loss over the whole training set after the epoch,
   * in inference mode (what Figure 1 plots), instead of the running mean of the batch losses.
   */
  evaluateTrainingLoss?: boolean;
  /** Rows per forward pass when `evaluateTrainingLoss` is set; default 1024. */
  evaluationBatchSize?: number;
  /** Called after every epoch; return `'stop'` to end training. Awaited. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing is the common case.
  onEpochEnd?: (epoch: number, logs: { loss: number }) => void | 'stop' | Promise<void | 'stop'>;
  /** Called after every step with no host sync (`batch` counts from 0 within the epoch). */
  onBatchEnd?: (batch: number, epoch: number) => void;
  /** Aborts training; checked before every step. */
  signal?: AbortSignal;
}

/** Outcome of {@link trainModel}. */
export interface TrainResult {
  /**
   * One loss per epoch run by this call (running batch-loss mean, or the full training-set loss
   * with `evaluateTrainingLoss`). A diverged run ends with the non-finite value that stopped it.
   */
  losses: number[];
  /** Epochs run by this call (`losses.length`); resume with `initialEpoch + epochsRun`. */
  epochsRun: number;
  /** Why training ended. */
  stopReason: 'completed' | 'callback' | 'aborted' | 'diverged';
}

type Batches = { x: tf.Tensor[]; y: tf.Tensor[] };

/**
 * Trains a tfjs-layers model with mini-batch gradient descent, lean on host syncs and memory.
 *
 * Per epoch: the batches are built once (one `gather` per batch on a permutation that depends only
 * on `seed` and the epoch index), then each step is one `optimizer.minimize` of
 * L = mean loss of the batch + the model's regularisation penalties, in training mode (dropout on).
 * Batch losses are summed on the device (weighted by batch size) and read once per epoch, or every
 * `lossEvery` steps: no other host sync. Every intermediate tensor is disposed, so
 * `tf.memory().numTensors` is the same after every epoch.
 *
 * A non-finite loss stops training with `stopReason: 'diverged'` (the epoch's loss is still passed
 * to `onEpochEnd`).
 *
 * @param model - A built tfjs-layers model; trained in place.
 * @param x - Inputs, n rows.
 * @param y - Targets, n rows (one-hot, class indices for the sparse loss, or values).
 * @param options - See {@link TrainOptions}.
 * @returns Losses per epoch, epochs run and the stop reason.
 * @example
 * const result = await trainModel(model, x, y, {
 *   epochs: 10, batchSize: 128, optimizer: tf.train.sgd(0.01),
 *   loss: 'categoricalCrossentropy', seed: 1,
 * });
 * result.losses; // [2.05, 1.71, …]
 * @see https://arxiv.org/abs/1706.02515
 */
export async function trainModel(
  model: LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: TrainOptions,
): Promise<TrainResult> {
  const n = checkRows('trainModel', x, y);
  const settings = validate(options);
  const lossFn = resolveLoss(options.loss, 'trainModel');
  const sizes = batchSizes(n, options.batchSize);
  const seed = options.seed ?? randomSeed();
  const varList = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { optimizer, signal, onEpochEnd, onBatchEnd } = options;
  const objective = (xb: tf.Tensor, yb: tf.Tensor) => (): tf.Scalar => {
    const pred = model.apply(xb, { training: true }) as tf.Tensor;
    const dataLoss = lossFn(yb, pred);
    const penalties = model.calculateLosses();
    return (penalties.length > 0 ? tf.add(dataLoss, tf.addN(penalties)) : dataLoss) as tf.Scalar;
  };
  // Accumulating the batch losses is only needed when they are read.
  const accumulate = !(settings.evaluateTrainingLoss && settings.lossEvery === 'epoch');

  const fixed = settings.shuffle ? null : makeBatches(x, y, sizes, null);
  const losses: number[] = [];
  let stopReason: TrainResult['stopReason'] = 'completed';
  try {
    for (let epoch = settings.initialEpoch; epoch < options.epochs; epoch++) {
      if (signal?.aborted) {
        stopReason = 'aborted';
        break;
      }
      const batches = fixed ?? makeBatches(x, y, sizes, epochPermutation(n, seed, epoch));
      let sum: tf.Scalar | null = accumulate ? tf.scalar(0) : null;
      let seen = 0;
      let epochLoss = Number.NaN;
      let interrupted: 'aborted' | 'diverged' | null = null;
      try {
        for (let b = 0; b < sizes.length; b++) {
          if (signal?.aborted) {
            interrupted = 'aborted';
            break;
          }
          const step = objective(batches.x[b]!, batches.y[b]!);
          const cost = minimizeStep(optimizer, step, accumulate, varList);
          seen += sizes[b]!;
          if (sum != null && cost != null) {
            const previous: tf.Scalar = sum;
            sum = tf.tidy(() => tf.add(previous, tf.mul(cost, sizes[b]!)) as tf.Scalar);
            previous.dispose();
            cost.dispose();
          }
          onBatchEnd?.(b, epoch);
          const last = b === sizes.length - 1;
          if (sum != null && typeof settings.lossEvery === 'number' && !last) {
            if ((b + 1) % settings.lossEvery === 0) {
              const running = (await sum.data())[0]! / seen;
              await yieldToEventLoop();
              if (!Number.isFinite(running)) {
                epochLoss = running;
                interrupted = 'diverged';
                break;
              }
            }
          }
        }
        if (interrupted == null && sum != null) epochLoss = (await sum.data())[0]! / seen;
      } finally {
        sum?.dispose();
        if (fixed == null) disposeBatches(batches);
      }
      if (interrupted === 'aborted') {
        stopReason = 'aborted';
        break;
      }
      const runningOk = !accumulate || Number.isFinite(epochLoss);
      if (interrupted == null && runningOk && settings.evaluateTrainingLoss) {
        epochLoss = await evaluateLoss(model, x, y, options.loss, {
          batchSize: settings.evaluationBatchSize,
        });
      }
      losses.push(epochLoss);
      const diverged = !Number.isFinite(epochLoss);
      const verdict = await onEpochEnd?.(epoch, { loss: epochLoss });
      if (diverged) {
        stopReason = 'diverged';
        break;
      }
      if (verdict === 'stop') {
        stopReason = 'callback';
        break;
      }
      // One macrotask turn per epoch, so that timers (and an abort they trigger) can run.
      await yieldToEventLoop();
    }
  } finally {
    if (fixed != null) disposeBatches(fixed);
  }
  return { losses, epochsRun: losses.length, stopReason };
}

interface Settings {
  initialEpoch: number;
  shuffle: boolean;
  lossEvery: 'epoch' | number;
  evaluateTrainingLoss: boolean;
  evaluationBatchSize: number | undefined;
}

function validate(options: TrainOptions): Settings {
  const { epochs, batchSize, optimizer } = options;
  const initialEpoch = options.initialEpoch ?? 0;
  const lossEvery = options.lossEvery ?? 'epoch';
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new SnnError(
      `trainModel: \`batchSize\` must be a positive integer, got ${batchSize}; pass e.g. 128`,
    );
  }
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) {
    throw new SnnError(
      `trainModel: \`initialEpoch\` must be a non-negative integer, got ${initialEpoch}; pass the number of epochs already trained`,
    );
  }
  if (!Number.isInteger(epochs) || epochs < initialEpoch) {
    throw new SnnError(
      `trainModel: \`epochs\` must be an integer ≥ initialEpoch (${initialEpoch}), got ${epochs}; it is the index one past the last epoch, as in Keras`,
    );
  }
  if (optimizer == null || typeof optimizer.minimize !== 'function') {
    throw new SnnError(
      `trainModel: \`optimizer\` must be a tfjs optimizer, got ${String(optimizer)}; pass e.g. tf.train.sgd(0.01)`,
    );
  }
  if (lossEvery !== 'epoch' && (!Number.isInteger(lossEvery) || lossEvery < 1)) {
    throw new SnnError(
      `trainModel: \`lossEvery\` must be 'epoch' or a positive integer, got ${String(lossEvery)}; pass e.g. 50`,
    );
  }
  return {
    initialEpoch,
    shuffle: options.shuffle ?? true,
    lossEvery,
    evaluateTrainingLoss: options.evaluateTrainingLoss ?? false,
    evaluationBatchSize: options.evaluationBatchSize,
  };
}

/** Sizes of the batches of one epoch: full batches, then the remainder. */
export function batchSizes(n: number, batchSize: number): number[] {
  const sizes: number[] = [];
  for (let start = 0; start < n; start += batchSize) sizes.push(Math.min(batchSize, n - start));
  return sizes;
}

/** The batches of one epoch, built before its first step: rows in `order`, or as stored. */
function makeBatches(
  x: tf.Tensor,
  y: tf.Tensor,
  sizes: number[],
  order: Int32Array | null,
): Batches {
  return tf.tidy(() => {
    if (order == null) {
      return sizes.length === 1
        ? { x: [tf.clone(x)], y: [tf.clone(y)] }
        : { x: tf.split(x, sizes, 0), y: tf.split(y, sizes, 0) };
    }
    const xs: tf.Tensor[] = [];
    const ys: tf.Tensor[] = [];
    let start = 0;
    for (const size of sizes) {
      const indices = tf.tensor1d(order.subarray(start, start + size), 'int32');
      xs.push(tf.gather(x, indices));
      ys.push(tf.gather(y, indices));
      start += size;
    }
    return { x: xs, y: ys };
  });
}

function disposeBatches(batches: Batches): void {
  tf.dispose(batches.x);
  tf.dispose(batches.y);
}

/** Gives the event loop one macrotask turn (setImmediate in Node, a 0 ms timer elsewhere). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const immediate = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
    if (typeof immediate === 'function') immediate(resolve);
    else setTimeout(resolve, 0);
  });
}
