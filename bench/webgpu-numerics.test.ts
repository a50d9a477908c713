// The WebGPU numerics check of bench/gpu-check.sh, here on Dawn's adapter (Mesa's llvmpipe on a
// machine without a GPU): SELU against float64, the Figure-1 network and the seven architectures
// against the cpu backend, no leak. Skipped, with the reason, where Dawn finds no adapter.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { enableWebGpu } from '../packages/runtime/src/backends/webgpu/enable-webgpu';
import * as snnLayers from '../packages/snn-layers/src/index';
import { webGpuAvailable } from '../test/backends';
import { webGpuNumerics } from './lib/webgpu-numerics.mjs';

describe.skipIf(!webGpuAvailable.ok)(
  `WebGPU numerics${webGpuAvailable.ok ? '' : ` [skipped: ${webGpuAvailable.ok || webGpuAvailable.why}]`}`,
  () => {
    it('SELU, the Figure-1 network (depth 2 here) and the seven architectures match, no leak', async () => {
      await enableWebGpu();
      const lines: string[] = [];
      const result = await webGpuNumerics(tf, tfl, snnLayers, {
        figure1: { depth: 2, width: 784, batch: 128 },
        log: (line: string) => lines.push(line),
      });
      expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
      expect(result.checks).toHaveLength(10);
      expect(result.ok).toBe(true);
      await tf.setBackend('cpu');
    });
  },
);
