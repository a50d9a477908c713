import { util, type DataId, type backend_util } from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../../internal/snn-error';

/** How long a synchronous read waits for the GPU before giving up. */
export const SYNC_READ_TIMEOUT_MS = 600_000;

/** The parts of tfjs-backend-webgpu's `WebGPUBackend` that {@link readSyncFromGpu} uses. */
export interface WebGpuBackendInternals {
  tensorMap: {
    get(dataId: DataId): {
      values: backend_util.BackendValues | null;
      dtype: string;
      resource: unknown;
    };
  };
  bufferManager: {
    acquireBuffer(size: number, usage: number): GpuBufferLike;
    releaseBuffer(buffer: GpuBufferLike): void;
  };
  commandEncoder: { copyBufferToBuffer(...args: unknown[]): void } | null;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  convertAndCacheOnCPU(dataId: DataId, values: backend_util.BackendValues): void;
}

interface GpuBufferLike {
  readonly size: number;
  readonly mapState: string;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}

type SetImmediate = (callback: (...args: unknown[]) => void, ...args: unknown[]) => unknown;

/**
 * `readSync` (what `dataSync`, `arraySync` and tfjs-layers' internal reads call) for the webgpu
 * backend in Node, where tfjs's own implementation cannot run: it reads through an
 * `OffscreenCanvas`, which Node lacks, so every `dataSync()` after a GPU kernel threw.
 *
 * WebGPU has no blocking read, but Dawn's Node binding delivers `mapAsync` completions from a
 * tick it schedules with the global `setImmediate`. So this copies the tensor's buffer into a
 * staging buffer, calls `mapAsync`, and — with `setImmediate` replaced for the moment by a queue
 * it drains itself — runs those ticks on the spot until the buffer is mapped (sleeping
 * 0.05–1 ms between ticks, so that a GPU implementation on the CPU, such as llvmpipe, keeps its
 * cores). Ticks still queued at the end go to the real `setImmediate`.
 *
 * Returns `null` when the values are already on the CPU or the tensor is not a plain GPU buffer
 * (the caller then uses tfjs's own path).
 *
 * @throws SnnError when Dawn already has a tick pending from other asynchronous work (an
 * unawaited `data()`), which cannot run until this code returns; or after
 * {@link SYNC_READ_TIMEOUT_MS}.
 * @example
 * // Inside a WebGPUBackend subclass (see enable-webgpu.ts):
 * override readSync(dataId) { return readSyncFromGpu(this, dataId) ?? super.readSync(dataId); }
 */
export function readSyncFromGpu(
  backend: WebGpuBackendInternals,
  dataId: DataId,
): backend_util.BackendValues | null {
  const data = backend.tensorMap.get(dataId);
  if (data.values != null || data.dtype === 'string' || data.dtype === 'complex64') return null;
  const source = data.resource as GpuBufferLike | null;
  if (source == null || typeof (source as { size?: unknown }).size !== 'number') return null;
  const usage = globalThis as unknown as {
    GPUBufferUsage: { COPY_DST: number; MAP_READ: number };
    GPUMapMode: { READ: number };
  };
  const staging = backend.bufferManager.acquireBuffer(
    source.size,
    usage.GPUBufferUsage.COPY_DST | usage.GPUBufferUsage.MAP_READ,
  );
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.commandEncoder!.copyBufferToBuffer(source, 0, staging, 0, source.size);
  backend.submitQueue();
  const bytes = waitForMapped(staging, usage.GPUMapMode.READ);
  staging.unmap();
  backend.bufferManager.releaseBuffer(staging);
  const values = util.convertBackendValuesAndArrayBuffer(bytes, data.dtype as 'float32');
  backend.convertAndCacheOnCPU(dataId, values);
  return values;
}

function waitForMapped(buffer: GpuBufferLike, readMode: number): ArrayBuffer {
  const global = globalThis as unknown as { setImmediate: SetImmediate };
  const realSetImmediate = global.setImmediate;
  const queued: Array<() => void> = [];
  const handle = { ref: () => handle, unref: () => handle, hasRef: () => false };
  global.setImmediate = (callback, ...args) => {
    queued.push(() => callback(...args));
    return handle;
  };
  const pause = new Int32Array(new SharedArrayBuffer(4));
  try {
    buffer.mapAsync(readMode).catch(() => undefined);
    const deadline = performance.now() + SYNC_READ_TIMEOUT_MS;
    for (let tick = 0; buffer.mapState !== 'mapped'; tick++) {
      if (queued.length === 0) {
        throw new SnnError(
          'webgpu: a synchronous read (dataSync, arraySync) cannot run while another asynchronous GPU operation is pending (e.g. an unawaited tensor.data()); await that first, or read with `await tensor.data()`',
        );
      }
      for (const job of queued.splice(0)) job();
      if (buffer.mapState === 'mapped') break;
      if (performance.now() > deadline) {
        throw new SnnError(
          `webgpu: a synchronous read waited ${SYNC_READ_TIMEOUT_MS / 1000} s for the GPU; read with \`await tensor.data()\` instead`,
        );
      }
      if (tick > 8) Atomics.wait(pause, 0, 0, Math.min(1, 0.05 * (tick - 8)));
    }
    return buffer.getMappedRange().slice(0);
  } finally {
    global.setImmediate = realSetImmediate;
    for (const job of queued.splice(0)) realSetImmediate(job);
  }
}
