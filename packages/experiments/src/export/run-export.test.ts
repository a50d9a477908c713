import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFnn } from '@snn/snn-layers';
import * as tf from '@tensorflow/tfjs-core';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnnInProcess } from '../cli/run-snn-in-process';
import { saveModelFolder } from '../common/save-model-folder';
import { runExport } from './run-export';

const work = mkdtempSync(join(tmpdir(), 'snn-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('snn export --onnx', () => {
  it('writes model.onnx beside a saved model, and ONNX Runtime gives its predictions', async () => {
    const model = buildFnn({
      architecture: 'snn',
      inputDim: 5,
      outputDim: 3,
      depth: 4,
      width: 8,
      dropoutRate: 0.05,
      seed: 3,
    });
    const file = await saveModelFolder(model, join(work, 'snn'));
    const { code, stderr } = await runSnnInProcess([
      'export',
      '--onnx',
      '--backend',
      'cpu',
      join(work, 'snn'),
    ]);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    const onnx = readFileSync(join(work, 'snn', 'model.onnx'));
    const x = Float32Array.from({ length: 2 * 5 }, (_, i) => Math.cos(i));
    const want = tf.tidy(() => (model.predict(tf.tensor2d(x, [2, 5])) as tf.Tensor).dataSync());
    const session = await InferenceSession.create(onnx);
    const out = await session.run({
      [session.inputNames[0]!]: new OrtTensor('float32', x, [2, 5]),
    });
    const got = out[session.outputNames[0]!]!.data as Float32Array;
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-5);
    await session.release();
    model.dispose();
    expect(file).toBe(join(work, 'snn', 'model.json'));
  });

  it('writes where --output says and reports what it wrote', async () => {
    const model = buildFnn({
      architecture: 'resnet',
      inputDim: 3,
      outputDim: 2,
      depth: 2,
      width: 4,
    });
    await saveModelFolder(model, join(work, 'resnet'));
    model.dispose();
    const result = await runExport({
      model: join(work, 'resnet', 'model.json'),
      out: join(work, 'out', 'r.onnx'),
      backend: 'cpu',
    });
    expect(result).toMatchObject({ weights: 'file', onnx: join(work, 'out', 'r.onnx'), opset: 17 });
    expect(readFileSync(result.onnx).length).toBe(result.bytes);
  });

  it('is a usage error without a format, and refuses an output that is not .onnx', async () => {
    const none = await runSnnInProcess(['export', join(work, 'snn')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/pass --onnx/);
    const wrong = await runSnnInProcess([
      'export',
      '--onnx',
      '--backend',
      'cpu',
      '-o',
      join(work, 'x.txt'),
      join(work, 'snn'),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/must end in \.onnx/);
  });

  it('names the layer it cannot export', async () => {
    const dir = join(work, 'reshape');
    const json = JSON.parse(readFileSync(join(work, 'snn', 'model.json'), 'utf8'));
    json.weightsManifest = undefined;
    const layers = json.modelTopology.config.layers as Array<Record<string, unknown>>;
    layers.push({ class_name: 'Reshape', config: { name: 'reshape_out', target_shape: [3, 1] } });
    rmSync(dir, { recursive: true, force: true });
    await saveModelFolder(
      buildFnn({ architecture: 'snn', inputDim: 5, outputDim: 3, depth: 1, width: 4 }),
      dir,
    );
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ format: 'layers-model', modelTopology: json.modelTopology }),
    );
    const { code, stderr } = await runSnnInProcess(['export', '--onnx', '--backend', 'cpu', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/layer 'reshape_out' is a Reshape/);
  });
});
