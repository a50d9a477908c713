import { THEOREM1_DOMAIN } from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import { train } from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { describeEachBackend } from '../../../test/backends';
import { type NormalizationReport, buildFnn, normalizationMonitor } from './index';

const SMALL = { inputDim: 16, outputDim: 3, depth: 4, width: 128, seed: 1 } as const;

describeEachBackend('normalizationMonitor', () => {
  it('reports every `every` epochs from model.fit, through onReport and `reports`', async () => {
    const model = buildFnn({ architecture: 'snn', ...SMALL });
    model.compile({ optimizer: train.sgd(0.01), loss: 'categoricalCrossentropy' });
    const x = tf.randomNormal([64, SMALL.inputDim], 0, 1, 'float32', 3);
    const y = tf.tidy(() =>
      tf.cast(tf.oneHot(tf.randomUniformInt([64], 0, 3, 4) as tf.Tensor1D, 3), 'float32'),
    );
    const seen: NormalizationReport[] = [];
    const monitor = normalizationMonitor({ every: 2, onReport: (r) => void seen.push(r) });
    await model.fit(x, y, { epochs: 4, batchSize: 32, verbose: 0, callbacks: [monitor] });
    expect(seen.map((r) => r.epoch)).toEqual([1, 3]);
    expect(monitor.reports).toEqual(seen);
    const report = seen[1]!;
    expect(report.layers.map((l) => l.name)).toEqual([
      'hidden_1',
      'hidden_2',
      'hidden_3',
      'hidden_4',
    ]);
    for (const layer of report.layers) {
      expect(layer.inDomain).toBe(
        layer.mean >= -0.1 && layer.mean <= 0.1 && layer.variance >= 0.8 && layer.variance <= 1.5,
      );
    }
    expect(report.outOfDomain).toEqual(report.layers.filter((l) => !l.inDomain).map((l) => l.name));
    monitor.dispose();
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
  });

  it('flags ReLU layers (mean > 0.1) and not SNN layers, from a custom loop', async () => {
    const snn = buildFnn({ architecture: 'snn', ...SMALL });
    const msra = buildFnn({ architecture: 'msra', ...SMALL });
    const monitor = normalizationMonitor();
    const before = tf.memory().numTensors;
    const snnReport = await monitor.report(snn, 0);
    // The default probe (256 × inputDim) is created at the first report and kept until dispose.
    expect(tf.memory().numTensors).toBe(before + 1);
    const msraReport = await monitor.report(msra, 7);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(snnReport.outOfDomain).toEqual([]);
    expect(msraReport.epoch).toBe(7);
    expect(msraReport.outOfDomain).toEqual(['hidden_1', 'hidden_2', 'hidden_3', 'hidden_4']);
    for (const layer of msraReport.layers) expect(layer.mean).toBeGreaterThan(0.1);
    // Reused on a model with another input size, the default probe is replaced, not leaked.
    const narrow = buildFnn({ architecture: 'snn', ...SMALL, inputDim: 8 });
    expect((await monitor.report(narrow, 8)).layers).toHaveLength(SMALL.depth);
    narrow.dispose();
    expect(tf.memory().numTensors).toBe(before + 1);
    monitor.dispose();
    expect(tf.memory().numTensors).toBe(before);
    snn.dispose();
    msra.dispose();
  });

  it('uses a custom domain and a caller-owned probe', async () => {
    const model = buildFnn({ architecture: 'snn', ...SMALL });
    const probe = tf.randomNormal([32, SMALL.inputDim], 0, 1, 'float32', 5);
    const monitor = normalizationMonitor({ probe, domain: { variance: [5, 6] } });
    expect(monitor.domain).toEqual({ mean: THEOREM1_DOMAIN.mean, variance: [5, 6] });
    const report = await monitor.report(model, 0);
    expect(report.outOfDomain).toHaveLength(SMALL.depth);
    monitor.dispose();
    expect(probe.isDisposed).toBe(false);
    probe.dispose();
    model.dispose();
  });
});

it('normalizationMonitor rejects bad options with an SnnError', () => {
  expect(() => normalizationMonitor({ every: 0 })).toThrow(SnnError);
  expect(() => normalizationMonitor({ domain: { mean: [0.1, -0.1] } })).toThrow(/domain.mean/);
  expect(() => normalizationMonitor({ probeSize: 1 })).toThrow(/probeSize/);
});
