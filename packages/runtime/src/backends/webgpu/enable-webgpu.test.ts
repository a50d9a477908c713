import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../../../internal/snn-error';
import { webGpuAvailable } from '../../../../../test/backends';
import { selectBackend } from '../select-backend';
import { WEBGPU, enableWebGpu, webGpuInfo } from './enable-webgpu';
import { type AdapterRequest, requestWebGpuAdapter } from './request-adapter';

/**
 * The real adapter (Dawn on Mesa's llvmpipe here), presented as an NVIDIA GPU: its `info` says
 * so, everything else is the real adapter's, so the backend really runs on it.
 */
async function presentedAsHardware(): Promise<AdapterRequest> {
  const request = await requestWebGpuAdapter();
  if (!request.ok) return request;
  const real = request.adapter;
  const adapter = {
    info: { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100' },
    limits: real.limits,
    features: real.features,
    requestDevice: (descriptor?: unknown) => real.requestDevice(descriptor),
  };
  return { ok: true, adapter, api: 'dawn' };
}

/** Leaves 'webgpu' unregistered, so that the next enableWebGpu requests a new adapter. */
async function unregisterWebGpu(): Promise<void> {
  await tf.setBackend('cpu');
  if (tf.findBackendFactory(WEBGPU) != null) tf.removeBackend(WEBGPU);
}

afterAll(unregisterWebGpu);

describe('enableWebGpu without the packages', () => {
  it('names both packages and the install line', async () => {
    await unregisterWebGpu();
    const importModule = async (specifier: string) => {
      throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/a.js`), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    };
    const error = await selectBackend('webgpu', { importModule }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(String(error)).toMatch(
      /needs @tensorflow\/tfjs-backend-webgpu and webgpu \(Dawn, WebGPU for Node\).*`npm install webgpu @tensorflow\/tfjs-backend-webgpu`/,
    );
    expect(tf.findBackendFactory(WEBGPU)).toBeNull();
  });
});

describe.runIf(webGpuAvailable.ok)('selectBackend and webgpu on the real adapter', () => {
  it("selectBackend('webgpu') takes the software adapter by name and reports it", async () => {
    await unregisterWebGpu();
    const lines: string[] = [];
    const choice = await selectBackend('webgpu', { log: (line) => lines.push(line) });
    expect(choice).toMatchObject({ name: WEBGPU, requested: 'webgpu' });
    expect(tf.getBackend()).toBe(WEBGPU);
    const info = webGpuInfo();
    expect(info).toMatchObject({ software: true, api: 'dawn-opengles' });
    expect(info?.device).toMatch(/llvmpipe/);
    expect(choice.reason).toMatch(/^webgpu → webgpu: .*on the software adapter llvmpipe/);
    expect(lines).toEqual([choice.reason]);
    expect(tf.env().getBool('WEBGPU_CPU_FORWARD')).toBe(false);
    // Idempotent: the same registration.
    expect(await enableWebGpu()).toBe(WEBGPU);
    expect(webGpuInfo()).toEqual(info);
  });

  it('auto never takes the software adapter, and says which one it saw', async () => {
    const choice = await selectBackend('auto', {
      threads: 1,
      webgpuAdapter: () => requestWebGpuAdapter(),
    });
    expect(choice.name).not.toBe(WEBGPU);
    expect(choice.reason).toMatch(
      /webgpu skipped \(software adapter llvmpipe.* through Dawn's OpenGL ES backend: auto takes only a hardware adapter\)/,
    );
  });

  it('auto without a GPU device node does not load Dawn at all', async () => {
    const choice = await selectBackend('auto', { threads: 1 });
    expect(choice.name).not.toBe(WEBGPU);
    expect(choice.reason).toMatch(/webgpu skipped \(no GPU device node/);
  });

  it('auto takes webgpu on a hardware adapter, before the CPU backends', async () => {
    await unregisterWebGpu();
    const choice = await selectBackend('auto', {
      threads: 1,
      gpuVisible: false,
      webgpuAdapter: presentedAsHardware,
    });
    expect(choice.name).toBe(WEBGPU);
    expect(choice.reason).toMatch(
      /^auto → webgpu: tfjs-backend-webgpu with SNN kernels on the hardware adapter nvidia hopper \(NVIDIA H100\)/,
    );
    expect(choice.reason).toMatch(/tfjs-node-gpu skipped \(no NVIDIA GPU visible\)/);
    expect(webGpuInfo()?.software).toBe(false);
    // It computes: a product on the (really llvmpipe) device.
    const product = tf.matMul(tf.ones([2, 3]), tf.ones([3, 4]));
    expect(Array.from(await product.data())).toEqual(new Array(8).fill(3));
    product.dispose();
    await unregisterWebGpu();
  });
});
