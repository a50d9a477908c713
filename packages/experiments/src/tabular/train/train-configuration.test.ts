import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { mulberry32 } from '../../../../../internal/rng';
import { describeEachBackend } from '../../../../../test/backends';
import type { PreparedUnit } from '../data/prepared-unit';
import type { GridTask } from '../run/grid-task';
import { trainConfiguration } from './train-configuration';

/** Two Gaussian blobs in 5 dimensions, classes 0/1 (means ±1 on every feature). */
function blobs(n: number, seed: number, kind: PreparedUnit['kind']) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const d = 5;
  const x = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let j = 0; j < d; j++) x[i * d + j] = normal() + (labels[i] === 1 ? 1 : -1);
  }
  return { x, y: kind === 'classification' ? labels : Float32Array.from(labels), n, d };
}

const unit = (kind: PreparedUnit['kind']): PreparedUnit => ({
  kind,
  outputs: kind === 'classification' ? 2 : 1,
  train: blobs(64, 1, kind),
  validation: blobs(20, 2, kind),
  test: blobs(30, 3, kind),
});

const task = (lr: number, epochs: number): GridTask => ({
  key: `blobs/fold1/snn/lr=${lr}`,
  unit: 'blobs/fold1',
  dataset: 'blobs',
  part: 'fold1',
  config: { arch: 'snn', depth: 2, width: 8, lr, dropout: 0, shape: 'rectangular', l2: 0 },
  seed: 5,
  epochs,
  batchSize: 16,
  cost: 1,
});

describeEachBackend('trainConfiguration', (backend) => {
  it('records loss, validation and test curves per epoch without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const record = await trainConfiguration(task(0.1, 6), unit('classification'), backend);
    expect(tf.memory().numTensors).toBe(before);
    expect(record).toMatchObject({ key: 'blobs/fold1/snn/lr=0.1', diverged: false, backend });
    expect(record.loss).toHaveLength(6);
    expect(record.validation).toHaveLength(6);
    // Separable blobs (Bayes accuracy ≈ 0.99): after 6 epochs the test accuracy is high.
    expect(record.test.at(-1)).toBeGreaterThan(0.9);
    expect(record.loss.at(-1)!).toBeLessThan(record.loss[0]!);
  });

  it('the same seed trains the same network', async () => {
    const a = await trainConfiguration(task(0.1, 3), unit('binary'), backend);
    const b = await trainConfiguration(task(0.1, 3), unit('binary'), backend);
    expect(a.loss).toEqual(b.loss);
    expect(a.validation).toEqual(b.validation);
  });

  it('a diverging run stops and fills the remaining epochs with null', async () => {
    const before = tf.memory().numTensors;
    const record = await trainConfiguration(task(1e30, 5), unit('binary'), backend);
    expect(tf.memory().numTensors).toBe(before);
    expect(record.diverged).toBe(true);
    expect(record.validation).toHaveLength(5);
    expect(record.validation.at(-1)).toBeNull();
  });
});
