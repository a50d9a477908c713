/**
 * Tox21 on a generated fixture in DeepTox's file layout (no offline copy of the real data exists):
 * the masked loss and per-task ROC-AUC against hand computations, and `runTox21` end to end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../../internal/rng';
import { describeEachBackend } from '../../../../../test/backends';
import { rocAuc } from '../metrics/roc-auc';
import { maskedBinaryCrossentropy } from '../train/masked-binary-crossentropy';
import { scorePredictions } from '../train/score-predictions';
import { runTox21 } from './run-tox21';

const TASKS = [
  'NR.AhR',
  'NR.AR',
  'NR.AR.LBD',
  'NR.Aromatase',
  'NR.ER',
  'NR.ER.LBD',
  'NR.PPAR.gamma',
  'SR.ARE',
  'SR.ATAD5',
  'SR.HSE',
  'SR.MMP',
  'SR.p53',
];

/** Writes a Tox21-like folder: labels depend on the first features, ~20% labels missing. */
function writeFixture(dir: string, nTrain: number, nTest: number, d: number): void {
  const rand = mulberry32(11);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const write = (split: string, n: number, offset: number) => {
    const dense = [['', ...Array.from({ length: d }, (_, j) => `f${j}`)].join(',')];
    const labels = [['', ...TASKS].join(',')];
    for (let i = 0; i < n; i++) {
      const id = `C${offset + i}`;
      const x = Array.from({ length: d }, () => normal() * 3 + 10);
      dense.push([id, ...x.map((v) => v.toFixed(4))].join(','));
      const y = TASKS.map((_, t) => {
        if (rand() < 0.2) return 'NA';
        const signal = (x[t % d]! - 10) / 3 + normal() * 0.3;
        return signal > 0.5 ? '1' : '0';
      });
      labels.push([id, ...y].join(','));
    }
    writeFileSync(join(dir, `tox21_dense_${split}.csv.gz`), gzipSync(`${dense.join('\n')}\n`));
    writeFileSync(join(dir, `tox21_labels_${split}.csv.gz`), gzipSync(`${labels.join('\n')}\n`));
  };
  write('train', nTrain, 0);
  write('test', nTest, nTrain);
}

describe('scorePredictions (multitask)', () => {
  it('averages per-task ROC-AUC over known labels and skips one-class tasks', () => {
    // 4 rows × 3 tasks; −1 = missing. Task 2 has only negatives among its known labels.
    const y = Float32Array.from([1, 0, -1, 0, -1, 0, 1, 1, 0, 0, 0, -1]);
    const p = Float32Array.from([0.9, 0.2, 0.5, 0.3, 0.8, 0.1, 0.6, 0.7, 0.4, 0.1, 0.6, 0.9]);
    const score = scorePredictions('multitask', 3, { x: new Float32Array(4), y, n: 4, d: 1 }, p);
    const task0 = rocAuc([1, 0, 1, 0], [0.9, 0.3, 0.6, 0.1]);
    const task1 = rocAuc([0, 1, 0], [0.2, 0.7, 0.6]);
    expect(score.perTask).toEqual([task0, task1, null]);
    expect(score.value).toBeCloseTo((task0 + task1) / 2, 12);
  });

  it('non-finite outputs score null', () => {
    const rows = { x: new Float32Array(2), y: Int32Array.from([0, 1]), n: 2, d: 1 };
    expect(
      scorePredictions('classification', 1, rows, Float32Array.from([0.1, Number.NaN])),
    ).toEqual({ value: null });
  });
});

describeEachBackend('maskedBinaryCrossentropy', () => {
  it('equals the mean cross-entropy over the known labels only', () => {
    const before = tf.memory().numTensors;
    const yTrue = tf.tensor2d([
      [1, -1, 0],
      [-1, 0, 1],
    ]);
    const yPred = tf.tensor2d([
      [0.9, 0.5, 0.2],
      [0.3, 0.4, 0.7],
    ]);
    const loss = maskedBinaryCrossentropy(yTrue, yPred);
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.7)) / 4;
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([yTrue, yPred, loss]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('runTox21 on a generated fixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-tox21-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains masked multi-task networks and reports AUC by depth', async () => {
    writeFixture(dir, 240, 80, 12);
    const out = join(dir, 'out');
    const result = await runTox21({
      dir,
      archs: ['snn', 'batchnorm'],
      grid: {
        name: 'fixture',
        epochs: 12,
        batchSize: 16,
        archs: {
          snn: { depth: [1, 2], width: [16], lr: [0.2] },
          batchnorm: { depth: [1, 2], width: [16], lr: [0.2] },
        },
      },
      repeats: 2,
      backend: 'cpu',
      out,
      progress: false,
    });
    expect(result.run.complete).toBe(true);
    expect(result.config.dataset).toEqual({ train: 240, test: 80, features: 12, tasks: TASKS });
    expect(result.results.map((r) => `${r.arch}/${r.depth}`)).toEqual([
      'snn/1',
      'snn/2',
      'batchnorm/1',
      'batchnorm/2',
    ]);
    for (const r of result.results) {
      expect(r.auc.repeats).toHaveLength(2);
      expect(r.selected[0]!.testPerTask).toHaveLength(12);
    }
    // Each task is a noisy threshold of one feature (Bayes AUC ≈ 0.98), so even 12 short epochs of SGD
    // beat chance clearly.
    expect(Math.max(...result.best.map((b) => b.auc.mean))).toBeGreaterThan(0.75);
    const written = JSON.parse(readFileSync(join(out, 'tox21.json'), 'utf8'));
    expect(written.results).toHaveLength(4);
    expect(readFileSync(join(out, 'tox21.md'), 'utf8')).toContain('| paper: SNN |');
  });
});
