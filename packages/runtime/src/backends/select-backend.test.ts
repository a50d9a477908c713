import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { nativeAddon } from '../../../../test/backends';
import { selectBackend } from './select-backend';
import { BACKEND_NATIVE, SNN_NATIVE } from './snn-native';
import { SNN_WASM } from './snn-wasm/enable-fast-wasm';

/** An addon path that does not exist: `snn-native` unavailable, as on a machine without a compiler. */
const noAddon = '/nonexistent/snn-native.node';

const notInstalled = (specifier: string) =>
  Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

/**
 * Simulates tfjs-node (or -gpu) being installed: importing it registers the 'tensorflow' backend.
 * @snn/backend-native is imported for real.
 */
const installed = (...which: string[]) => {
  const imported: string[] = [];
  const importModule = async (specifier: string) => {
    if (specifier === BACKEND_NATIVE) return import(BACKEND_NATIVE);
    imported.push(specifier);
    if (!which.includes(specifier)) throw notInstalled(specifier);
    if (tf.findBackendFactory('tensorflow') == null) {
      tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
    }
    return {};
  };
  return { importModule, imported };
};

afterEach(() => {
  if (tf.findBackendFactory('tensorflow') != null) tf.removeBackend('tensorflow');
});

describe('selectBackend', () => {
  it('activates the named stock backends', async () => {
    expect(await selectBackend('cpu')).toMatchObject({ name: 'cpu', requested: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend('wasm')).toMatchObject({ name: 'wasm', requested: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('activates snn-wasm and logs why', async () => {
    const lines: string[] = [];
    const choice = await selectBackend('snn-wasm', { threads: 1, log: (l) => lines.push(l) });
    expect(choice).toMatchObject({ name: SNN_WASM, requested: 'snn-wasm' });
    expect(choice.reason).toMatch(/fast transposed matmuls, 1 thread/);
    expect(lines).toEqual([choice.reason]);
  });

  it('auto without tfjs-node picks snn-wasm and says why', async () => {
    const { importModule, imported } = installed();
    const choice = await selectBackend('auto', {
      threads: 1,
      importModule,
      gpuVisible: true,
      nativeAddon: noAddon,
    });
    expect(choice.name).toBe(SNN_WASM);
    expect(choice.requested).toBe('auto');
    expect(choice.reason).toMatch(/tfjs-node-gpu not installed/);
    expect(choice.reason).toMatch(/tfjs-node not installed/);
    expect(choice.reason).toMatch(
      /snn-native unavailable \(.*nonexistent\/snn-native\.node failed to load/,
    );
    expect(imported).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
  });

  it('auto prefers tfjs-node-gpu when a GPU is visible, then tfjs-node', async () => {
    const gpu = installed('@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node');
    const withGpu = await selectBackend('auto', {
      importModule: gpu.importModule,
      gpuVisible: true,
    });
    expect(withGpu.name).toBe('tensorflow');
    expect(withGpu.reason).toMatch(/tfjs-node-gpu with a GPU visible/);
    tf.removeBackend('tensorflow');

    const node = installed('@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node');
    const noGpu = await selectBackend('auto', {
      importModule: node.importModule,
      gpuVisible: false,
    });
    expect(noGpu.name).toBe('tensorflow');
    expect(noGpu.reason).toMatch(
      /tfjs-node \(native TensorFlow\); tfjs-node-gpu skipped \(no NVIDIA GPU visible\)/,
    );
    expect(node.imported).toEqual(['@tensorflow/tfjs-node']);
  });

  it('reports an installed tfjs-node that fails to load', async () => {
    const importModule = async (specifier: string) => {
      if (specifier === BACKEND_NATIVE) return import(BACKEND_NATIVE);
      throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found');
    };
    const choice = await selectBackend('auto', {
      threads: 1,
      importModule,
      gpuVisible: false,
      nativeAddon: noAddon,
    });
    expect(choice.name).toBe(SNN_WASM);
    expect(choice.reason).toMatch(/tfjs-node failed to load \(The Node.js native addon/);
  });

  it('throws an SnnError with the install command for a named backend that is missing', async () => {
    const { importModule } = installed();
    const error = await selectBackend('tfjs-node', { importModule }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(String(error)).toMatch(/'tfjs-node' is not available \(not installed\)/);
    expect(String(error)).toMatch(/npm install @tensorflow\/tfjs-node\b/);
    await expect(selectBackend('tfjs-node-gpu', { importModule })).rejects.toThrow(
      /npm install @tensorflow\/tfjs-node-gpu/,
    );
  });

  it('throws for webgl when no webgl backend is registered (Node)', async () => {
    await expect(selectBackend('webgl')).rejects.toThrow(/install @tensorflow\/tfjs-backend-webgl/);
  });

  it('rejects an unknown name', async () => {
    await expect(selectBackend('gpu' as never)).rejects.toThrow(
      /`requested` must be one of auto, tfjs-node-gpu, webgpu, tfjs-node, wasm, cpu, webgl, snn-wasm, snn-native; got "gpu"/,
    );
  });

  it('auto with the real loaders ends on a working backend and explains the skipped ones', async () => {
    const choice = await selectBackend('auto', { threads: 1 });
    expect(['tensorflow', SNN_NATIVE, SNN_WASM]).toContain(choice.name);
    expect(tf.getBackend()).toBe(choice.name);
    if (choice.name !== 'tensorflow')
      expect(choice.reason).toMatch(/tfjs-node (not installed|failed)/);
    // Where the addon loads, auto takes it; where not, the reason says why.
    if (nativeAddon.ok) expect(choice.name).toBe(SNN_NATIVE);
    else expect(choice.reason).toMatch(/snn-native unavailable \(.*not installed/);
  });
});
