import { loadMnist } from '@snn/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends';
import type { Figure1State } from './figure1-result';
import type { Figure1Data } from './train-figure1';
import { trainFigure1 } from './train-figure1';

let data: Figure1Data;
beforeAll(async () => {
  const mnist = await loadMnist({ source: 'embedded' });
  data = { train: mnist.train, classes: 10 };
});

const tiny = { limit: 256, depths: [2], width: 32, epochs: 3, lr: 0.01, seed: 5 };

describeEachBackend('trainFigure1', () => {
  it('trains both architectures; the SNN loss falls; no tensors leak', async () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const result = await trainFigure1(data, tiny, {
      onModel: (model, e) => {
        expect(model.outputs[0]!.shape).toEqual([null, 10]);
        seen.push(`${e.arch}${e.depth}:${e.epoch}`);
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([
      'snn2:0',
      'snn2:1',
      'snn2:2',
      'snn2:3',
      'batchnorm2:0',
      'batchnorm2:1',
      'batchnorm2:2',
      'batchnorm2:3',
    ]);
    expect(result.complete).toBe(true);
    expect(result.config).toMatchObject({ trainSize: 256, width: 32, epochs: 3, inputDim: 784 });
    expect(result.curves.map((c) => [c.arch, c.depth, c.loss.length])).toEqual([
      ['snn', 2, 4],
      ['batchnorm', 2, 4],
    ]);
    const snn = result.curves[0]!.loss;
    for (let e = 1; e < snn.length; e++) expect(snn[e]!).toBeLessThan(snn[e - 1]!);
    // Ten classes: an untrained softmax starts near ln 10 ≈ 2.3.
    expect(snn[0]!).toBeGreaterThan(1.5);
    expect(snn[0]!).toBeLessThan(4);
    expect(result.timings.curves).toHaveLength(2);
  });

  it('resumes from a saved state to the same curves as an uninterrupted run', async () => {
    const options = { ...tiny, depths: [2, 3] };
    const full = await trainFigure1(data, options);

    const controller = new AbortController();
    const saved: Figure1State[] = [];
    const partial = await trainFigure1(data, options, {
      signal: controller.signal,
      saveState: async (state) => {
        // What a store would persist: a deep copy (the weights are bytes already).
        saved.push(structuredClone(state));
      },
      onEpochEnd: (e) => {
        if (e.curveIndex === 2 && e.epoch === 1) controller.abort();
      },
    });
    expect(partial.complete).toBe(false);
    const last = saved.at(-1)!;
    expect(last.current).toMatchObject({ index: 2, epoch: 1 });

    const messages: string[] = [];
    const resumed = await trainFigure1(data, options, {
      loadState: async () => last,
      onMessage: (m) => messages.push(m),
    });
    expect(messages[0]).toMatch(/resuming: 2 of 4 curves finished, snn depth 3 at epoch 1/);
    expect(resumed.complete).toBe(true);
    expect(resumed.curves).toEqual(full.curves);
  });

  it('stops a curve whose loss is no longer finite and marks it diverged', async () => {
    const messages: string[] = [];
    const result = await trainFigure1(
      data,
      { ...tiny, archs: ['snn'], depths: [3], lr: 1e20, epochs: 4 },
      { onMessage: (m) => messages.push(m) },
    );
    const curve = result.curves[0]!;
    expect(curve.diverged).toBe(true);
    expect(curve.loss.every(Number.isFinite)).toBe(true);
    expect(curve.loss.length).toBeLessThan(5);
    expect(messages.join('\n')).toMatch(
      /snn depth 3: the loss became (NaN|-?Infinity) in epoch \d; this curve stops here \(diverged\)/,
    );
    expect(result.smoothness.curves[0]!.diverged).toBe(true);
  });
});
