import { trainModel } from '@snn/runtime';
import { buildFnn } from '@snn/snn-layers';
import { NEVER_PRUNE, type ReportEpoch } from '@snn/sweep';
import * as tf from '@tensorflow/tfjs-core';
import type { LabelledRows, PreparedUnit } from '../data/prepared-unit';
import type { GridTask } from '../run/grid-task';
import { selectEpoch } from '../selection/select-model';
import type { ResultRecord } from '../store/result-record';
import { maskedBinaryCrossentropy } from './masked-binary-crossentropy';
import { type Score, scorePredictions } from './score-predictions';

/** Rows predicted per call when scoring validation and test sets. */
const PREDICT_BATCH = 1024;

/**
 * Trains one configuration on one prepared data part and records its curves: training loss,
 * validation metric and test metric after every epoch. Plain SGD with the configuration's
 * learning rate, mini-batches of `task.batchSize` shuffled by `task.seed`, weights seeded by
 * `task.seed`. Training stops early when the loss or the outputs stop being finite
 * (`diverged`), or when the pruner answers `prune` to `report(epoch, score)` — the score is
 * selection's, the best smoothed validation value so far (`selectEpoch`) — and the record notes
 * `pruned: epoch`; the remaining epochs are recorded as `null`.
 *
 * @example
 * const record = await trainConfiguration(task, uciUnit(iris, 1, seed), 'wasm');
 * @see https://arxiv.org/abs/1706.02515
 */
export async function trainConfiguration(
  task: GridTask,
  data: PreparedUnit,
  backend: string,
  report: ReportEpoch = NEVER_PRUNE,
): Promise<ResultRecord> {
  const started = performance.now();
  const { config } = task;
  const model = buildFnn({
    architecture: config.arch,
    inputDim: data.train.d,
    outputDim: data.outputs,
    depth: config.depth,
    width: config.width,
    shape: config.shape,
    dropoutRate: config.dropout,
    outputActivation: data.kind === 'classification' ? 'softmax' : 'sigmoid',
    l2: config.l2,
    seed: task.seed,
    ...(config.blockShape === undefined ? {} : { blockShape: config.blockShape }),
    ...(config.bottleneck === undefined ? {} : { bottleneck: config.bottleneck }),
  });
  const optimizer = tf.train.sgd(config.lr);
  const x = tf.tensor2d(data.train.x, [data.train.n, data.train.d]);
  const y = labels(data, data.train);
  const xValidation = tf.tensor2d(data.validation.x, [data.validation.n, data.validation.d]);
  const xTest = tf.tensor2d(data.test.x, [data.test.n, data.test.d]);

  const loss: Array<number | null> = [];
  const validation: Array<number | null> = [];
  const test: Array<number | null> = [];
  const testDetail: Array<Array<number | null> | null> = [];
  let diverged = false;
  let pruned: number | undefined;
  const score = (xs: tf.Tensor2D, rows: LabelledRows): Score => {
    const out = model.predict(xs, { batchSize: PREDICT_BATCH }) as tf.Tensor;
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return scorePredictions(data.kind, data.outputs, rows, values);
  };

  try {
    await trainModel(model, x, y, {
      epochs: task.epochs,
      batchSize: task.batchSize,
      optimizer,
      loss:
        data.kind === 'classification'
          ? 'categoricalCrossentropy'
          : data.kind === 'binary'
            ? 'binaryCrossentropy'
            : maskedBinaryCrossentropy,
      seed: task.seed,
      onEpochEnd: async (_epoch: number, logs: { loss: number }) => {
        const finite = Number.isFinite(logs.loss);
        loss.push(finite ? logs.loss : null);
        const v = finite ? score(xValidation, data.validation) : { value: null };
        const t = finite ? score(xTest, data.test) : { value: null };
        validation.push(v.value);
        test.push(t.value);
        if (data.kind === 'multitask') testDetail.push(t.perTask ?? null);
        if (v.value === null || t.value === null) {
          diverged = true;
          return 'stop';
        }
        const epoch = validation.length;
        if (epoch < task.epochs) {
          const score = selectEpoch(validation)?.smoothed ?? null;
          if ((await report(epoch, score)) === 'prune') {
            pruned = epoch;
            return 'stop';
          }
        }
        return undefined;
      },
    });
  } finally {
    tf.dispose([x, y, xValidation, xTest]);
    optimizer.dispose();
    model.dispose();
  }
  while (validation.length < task.epochs) {
    loss.push(null);
    validation.push(null);
    test.push(null);
    if (data.kind === 'multitask') testDetail.push(null);
  }
  const record: ResultRecord = {
    type: 'result',
    key: task.key,
    unit: task.unit,
    dataset: task.dataset,
    part: task.part,
    config,
    seed: task.seed,
    loss,
    validation,
    test,
    diverged,
    seconds: Math.round(performance.now() - started) / 1000,
    backend,
    ...(pruned === undefined ? {} : { pruned }),
  };
  if (data.kind === 'multitask') record.testDetail = testDetail;
  return record;
}

function labels(data: PreparedUnit, rows: LabelledRows): tf.Tensor {
  if (data.kind === 'classification') {
    const hot = new Float32Array(rows.n * data.outputs);
    for (let i = 0; i < rows.n; i++) hot[i * data.outputs + rows.y[i]!] = 1;
    return tf.tensor2d(hot, [rows.n, data.outputs]);
  }
  return tf.tensor2d(Float32Array.from(rows.y), [rows.n, data.outputs]);
}
