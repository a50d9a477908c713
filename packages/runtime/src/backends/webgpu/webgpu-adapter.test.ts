import { describe, expect, it } from 'vitest';
import { adapterLine, describeWebGpuAdapter, isSoftwareAdapter } from './webgpu-adapter';

describe('isSoftwareAdapter', () => {
  it('names the CPU implementations software, whichever field carries the name', () => {
    // The fields as Dawn on Mesa 22.3 (OpenGL ES backend), Chromium on SwiftShader, lavapipe and
    // WARP report them.
    expect(
      isSoftwareAdapter({
        vendor: '',
        architecture: '',
        device: 'llvmpipe-llvm-15-0-6-256-bits-',
        description: 'OpenGL version 4.5 (Core Profile) Mesa 22.3.6',
      }),
    ).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' })).toBe(true);
    expect(isSoftwareAdapter({ device: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ description: 'lavapipe' })).toBe(true);
    expect(isSoftwareAdapter({ description: 'Microsoft Basic Render Driver' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', isFallbackAdapter: true })).toBe(true);
  });

  it('names GPUs hardware', () => {
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' })).toBe(false);
    expect(
      isSoftwareAdapter({
        vendor: 'nvidia',
        architecture: '',
        device: '',
        description: 'NVIDIA H100 80GB HBM3',
      }),
    ).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'intel', architecture: 'gen-12lp' })).toBe(false);
    expect(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBe(false);
    expect(isSoftwareAdapter({})).toBe(false);
  });
});

describe('describeWebGpuAdapter and adapterLine', () => {
  it('report the fields, the verdict and the route in one line', () => {
    const llvmpipe = describeWebGpuAdapter(
      { device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'OpenGL version 4.5 Mesa 22.3.6' },
      'dawn-opengles',
    );
    expect(llvmpipe).toEqual({
      vendor: '',
      architecture: '',
      device: 'llvmpipe-llvm-15-0-6-256-bits-',
      description: 'OpenGL version 4.5 Mesa 22.3.6',
      software: true,
      api: 'dawn-opengles',
    });
    expect(adapterLine(llvmpipe)).toBe(
      "software adapter llvmpipe-llvm-15-0-6-256-bits- (OpenGL version 4.5 Mesa 22.3.6) through Dawn's OpenGL ES backend",
    );
    expect(
      adapterLine(describeWebGpuAdapter({ vendor: 'nvidia', architecture: 'hopper' }, 'dawn')),
    ).toBe('hardware adapter nvidia hopper through Dawn (Vulkan/Metal/D3D12)');
    expect(adapterLine(describeWebGpuAdapter({}, 'browser'))).toBe(
      'hardware adapter unnamed in the browser',
    );
  });
});
