import type { Split } from '@snn/datasets';
import { standardize, subset } from '@snn/datasets';
import { type BackendChoice, type BackendName, evaluateLoss, trainModel } from '@snn/runtime';
import { buildFnn, deriveSeed } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fisherYates } from '../../../../internal/rng';
import { UsageError } from '../common/usage-error';
import {
  type Figure1Arch,
  type Figure1Config,
  type Figure1Options,
  resolveFigure1Config,
} from './figure1-config';
import type { Figure1Curve } from './figure1-curve';
import type { Figure1Result, Figure1State, WeightSpec } from './figure1-result';
import { figure1Smoothness } from './figure1-smoothness';

/** The training data of a Figure 1 run: the raw training split (pixels), not yet standardized. */
export interface Figure1Data {
  train: Split;
  /** Number of classes (10 for MNIST, Fashion-MNIST and CIFAR-10). */
  classes: number;
}

/** Reported after every finished epoch. */
export interface Figure1EpochEvent {
  arch: Figure1Arch;
  depth: number;
  /** 1-based epoch just finished. */
  epoch: number;
  /** Training-set loss after it. */
  loss: number;
  /** Index of the curve in the run (depths outer, archs inner) and the number of curves. */
  curveIndex: number;
  curveCount: number;
}

/** Callbacks of {@link trainFigure1}; all optional. */
export interface Figure1Hooks {
  /** Stops the run after the current training step; the result then has `complete: false`. */
  signal?: AbortSignal;
  /** Called after each finished epoch. */
  onEpochEnd?: (event: Figure1EpochEvent) => void;
  /**
   * Epochs accounted for over the whole run (finished, or skipped after a curve diverged) and
   * their total (curves × epochs); called once at the start (a resumed run starts above 0) and
   * after every epoch. `work` weighs each epoch by its cost (depth, and about twice as much for
   * BatchNorm), for an ETA that does not jump when the deep curves start.
   */
  onProgress?: (done: number, total: number, work: { done: number; total: number }) => void;
  /**
   * Receives the model in training (read-only use: e.g. a normalization monitor) before the first
   * epoch (`epoch` 0) and after every finished epoch; awaited. Do not keep or dispose the model.
   */
  onModel?(
    model: tfl.LayersModel,
    event: { arch: Figure1Arch; depth: number; epoch: number },
  ): void | Promise<void>;
  /** Called when a curve finishes (all epochs, or diverged). */
  onCurveEnd?: (curve: Figure1Curve) => void;
  /** Human-readable notes (a diverged curve, a resumed run). */
  onMessage?(line: string): void;
  /** Persist `state` (called after every finished epoch); await it before training goes on. */
  saveState?(state: Figure1State): Promise<void>;
  /** A previously saved state to resume from, or null to start afresh. */
  loadState?(): Promise<Figure1State | null>;
  /** Describes the active backend in the result; default `{name: tf.getBackend(), …}`. */
  backend?: BackendChoice;
}

/** The (arch, depth) pairs of a run in training order: depths outer, archs inner. */
export function figure1CurveOrder(
  config: Figure1Config,
): Array<{ arch: Figure1Arch; depth: number }> {
  return config.depths.flatMap((depth) => config.archs.map((arch) => ({ arch, depth })));
}

const ARCH_IDS: Record<Figure1Arch, number> = { snn: 1, batchnorm: 2 };

/**
 * Relative cost of an epoch per hidden layer, for the progress `work`: a BatchNorm layer (dense,
 * ReLU, batch statistics, moving averages) took about twice an SNN layer's time on snn-wasm.
 */
const ARCH_COST: Record<Figure1Arch, number> = { snn: 1, batchnorm: 2 };

/** Rows of `train` to use: all, or a seeded random `limit` of them (Fisher–Yates on a hash RNG). */
function chooseRows(n: number, size: number, seed: number): Int32Array {
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  if (size >= n) return rows;
  fisherYates(rows, (range, i) => deriveSeed(seed, 0x5eed, i) % range, size);
  return rows.slice(n - size).sort();
}

/**
 * Mean cross-entropy over the whole training set, in minibatches, as the paper evaluates it; NaN
 * when the network diverged. Training mode: BatchNorm normalizes with the batch's statistics, as
 * in the paper's code (figure1/run.py evaluates the training loss with is_training=True); for the
 * SNN (no dropout here) both modes are the same function.
 */
function trainingSetLoss(
  model: tfl.LayersModel,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  batch: number,
): Promise<number> {
  return evaluateLoss(model, x, y, 'categoricalCrossentropy', { batchSize: batch, training: true });
}

async function captureWeights(
  model: tfl.LayersModel,
): Promise<{ specs: WeightSpec[]; data: ArrayBuffer }> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const data = captured?.weightData;
  const bytes = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  if (!captured?.weightSpecs || !bytes)
    throw new Error('figure1: saving the model produced no weights');
  return { specs: captured.weightSpecs as WeightSpec[], data: bytes };
}

function restoreWeights(
  model: tfl.LayersModel,
  weights: { specs: WeightSpec[]; data: ArrayBuffer },
): void {
  const named = tf.io.decodeWeights(weights.data, weights.specs as tf.io.WeightsManifestEntry[]);
  try {
    model.loadWeights(named, true);
  } finally {
    tf.dispose(Object.values(named));
  }
}

function configDifferences(a: Figure1Config, b: Figure1Config): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Figure1Config>;
  return [...keys]
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k} ${JSON.stringify(b[k])} (saved) vs ${JSON.stringify(a[k])} (now)`);
}

/**
 * Trains the paper's Figure 1: for every depth and architecture, a `buildFnn` network
 * (`snn`: Dense + SELU with LeCun init; `batchnorm`: Dense + ReLU + BatchNorm with He init;
 * width units per hidden layer, softmax output) trained with plain SGD on the standardized
 * training rows, recording the cross-entropy over the whole training set before training and
 * after each epoch. Deterministic for a seed: the subset, every initial weight and every epoch's
 * minibatch order derive from it.
 *
 * Browser-safe (no Node modules): the caller provides the data, the active tfjs backend and,
 * through `hooks`, persistence (`saveState`/`loadState` — a resumed run reproduces the curves
 * of an uninterrupted one), progress and cancellation. A NaN or ±∞ loss stops that curve and
 * marks it `diverged`.
 *
 * @example
 * import { trainFigure1 } from '@snn/experiments/figure1';
 * const result = await trainFigure1({ train, classes: 10 }, { quick: true }, {
 *   onEpochEnd: (e) => console.log(e.arch, e.depth, e.epoch, e.loss),
 * });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function trainFigure1(
  data: Figure1Data,
  options: Figure1Options = {},
  hooks: Figure1Hooks = {},
): Promise<Figure1Result> {
  const { train } = data;
  if (train.x.length !== train.n * train.d || train.y.length !== train.n) {
    throw new UsageError(
      `figure1: the training split must hold n·d = ${train.n * train.d} values and n = ${train.n} labels; got ${train.x.length} and ${train.y.length}`,
    );
  }
  const config = resolveFigure1Config(options, { n: train.n, d: train.d, classes: data.classes });
  const order = figure1CurveOrder(config);
  // Without a selection, the caller activated the backend: its name stands for the request.
  const backend: BackendChoice = hooks.backend ?? {
    name: tf.getBackend(),
    requested: tf.getBackend() as BackendName,
    reason: 'the active tfjs backend',
  };

  const saved = (await hooks.loadState?.()) ?? null;
  if (saved) {
    const diff = configDifferences(config, saved.config);
    if (diff.length > 0) {
      throw new UsageError(
        `figure1: the output folder holds a run with another configuration (${diff.join('; ')}); pass another --out or the same flags`,
      );
    }
  }
  const curves: Figure1Curve[] = saved ? structuredClone(saved.curves) : [];
  const timings = saved
    ? structuredClone(saved.timings)
    : { totalMs: 0, curves: [] as Figure1Result['timings']['curves'] };
  if (saved) {
    const doneCurves = saved.current ? saved.current.index : saved.curves.length;
    const inTraining = saved.current ? order[saved.current.index]! : null;
    const where = inTraining
      ? `, ${inTraining.arch} depth ${inTraining.depth} at epoch ${saved.current!.epoch}`
      : '';
    hooks.onMessage?.(
      `figure1: resuming: ${doneCurves} of ${order.length} curves finished${where}`,
    );
  }

  const chosen =
    config.trainSize < train.n
      ? subset(train, chooseRows(train.n, config.trainSize, config.seed))
      : train;
  const { train: standardized } = standardize(chosen);
  const n = standardized.n;
  const x = tf.tensor2d(standardized.x, [n, standardized.d]);
  const y = tf.tidy(() =>
    tf.cast(
      tf.oneHot(tf.tensor1d(Int32Array.from(standardized.y), 'int32'), config.classes),
      'float32',
    ),
  ) as tf.Tensor2D;

  const epochsTotal = order.length * config.epochs;
  const cost = (c: { arch: Figure1Arch; depth: number }) => ARCH_COST[c.arch] * c.depth;
  const workTotal = order.reduce((sum, c) => sum + cost(c) * config.epochs, 0);
  // A diverged curve counts as finished: its remaining epochs will never run.
  const epochsOf = (c: Figure1Curve) =>
    c.diverged ? config.epochs : Math.max(0, c.loss.length - 1);
  const reportProgress = () =>
    hooks.onProgress?.(
      curves.reduce((sum, c) => sum + epochsOf(c), 0),
      epochsTotal,
      { done: curves.reduce((sum, c) => sum + cost(c) * epochsOf(c), 0), total: workTotal },
    );
  reportProgress();
  let aborted = false;

  try {
    const firstIndex = saved ? (saved.current ? saved.current.index : saved.curves.length) : 0;
    for (let index = firstIndex; index < order.length && !aborted; index++) {
      const { arch, depth } = order[index]!;
      const curveSeed = deriveSeed(config.seed, ARCH_IDS[arch], depth);
      const model = buildFnn({
        architecture: arch,
        inputDim: config.inputDim,
        outputDim: config.classes,
        depth,
        width: config.width,
        outputActivation: 'softmax',
        seed: curveSeed,
      });
      const optimizer = tf.train.sgd(config.lr);
      let timing = timings.curves.find((t) => t.arch === arch && t.depth === depth);
      if (!timing) {
        timing = { arch, depth, ms: 0, epochs: 0, msPerEpoch: 0 };
        timings.curves.push(timing);
      }
      let curve: Figure1Curve;
      let epoch: number;
      let last = Date.now();
      try {
        if (saved?.current && saved.current.index === index) {
          restoreWeights(model, saved.current.weights);
          curve = curves[index]!;
          epoch = saved.current.epoch;
        } else {
          const initial = await trainingSetLoss(model, x, y, config.batch);
          curve = { arch, depth, loss: Number.isFinite(initial) ? [initial] : [] };
          curves[index] = curve;
          epoch = 0;
          if (Number.isFinite(initial)) await hooks.onModel?.(model, { arch, depth, epoch: 0 });
          else {
            curve.diverged = true;
            hooks.onMessage?.(
              `figure1: ${arch} depth ${depth}: the loss of the untrained network is ${initial}; this curve stops here (diverged)`,
            );
            epoch = config.epochs;
            await hooks.saveState?.({ version: 1, config, curves, timings, current: null });
            reportProgress();
          }
        }
        while (epoch < config.epochs) {
          if (hooks.signal?.aborted) {
            aborted = true;
            break;
          }
          const run = await trainModel(model, x, y, {
            epochs: epoch + 1,
            initialEpoch: epoch,
            batchSize: config.batch,
            optimizer,
            loss: 'categoricalCrossentropy',
            seed: curveSeed,
            evaluateTrainingLoss: false,
            signal: hooks.signal,
          });
          if (run.stopReason === 'aborted') {
            aborted = true;
            break;
          }
          epoch++;
          const loss =
            run.stopReason === 'diverged'
              ? Number.NaN
              : await trainingSetLoss(model, x, y, config.batch);
          const now = Date.now();
          timing.ms += now - last;
          timings.totalMs += now - last;
          timing.epochs += 1;
          timing.msPerEpoch = timing.ms / timing.epochs;
          last = now;
          if (!Number.isFinite(loss)) {
            curve.diverged = true;
            hooks.onMessage?.(
              `figure1: ${arch} depth ${depth}: the loss became ${loss} in epoch ${epoch}; this curve stops here (diverged)`,
            );
            await hooks.saveState?.({ version: 1, config, curves, timings, current: null });
            reportProgress();
            break;
          }
          curve.loss.push(loss);
          const finished = epoch === config.epochs;
          await hooks.saveState?.({
            version: 1,
            config,
            curves,
            timings,
            current: finished ? null : { index, epoch, weights: await captureWeights(model) },
          });
          hooks.onEpochEnd?.({
            arch,
            depth,
            epoch,
            loss,
            curveIndex: index,
            curveCount: order.length,
          });
          await hooks.onModel?.(model, { arch, depth, epoch });
          reportProgress();
        }
        if (!aborted) hooks.onCurveEnd?.(curve);
      } finally {
        optimizer.dispose();
        model.dispose();
      }
    }
  } finally {
    tf.dispose([x, y]);
  }

  const finalCurves = curves.map((c) => ({ ...c, loss: [...c.loss] }));
  return {
    config,
    backend,
    curves: finalCurves,
    timings,
    complete: !aborted && curves.length === order.length,
    smoothness: figure1Smoothness(finalCurves),
  };
}
