/**
 * What a WebGPU adapter says about itself (`GPUAdapter.info`): the fields of `GPUAdapterInfo`
 * that {@link describeWebGpuAdapter} reads. Every field may be empty; browsers blank some of them.
 */
export interface WebGpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** Set by implementations that mark their CPU fallback adapter. */
  isFallbackAdapter?: boolean;
}

/** The adapter a WebGPU backend runs on, as {@link describeWebGpuAdapter} reports it. */
export interface WebGpuAdapterReport {
  /** `GPUAdapterInfo.vendor`, e.g. `'nvidia'`; empty when the implementation does not say. */
  vendor: string;
  /** `GPUAdapterInfo.architecture`, e.g. `'hopper'`; empty when the implementation does not say. */
  architecture: string;
  /** `GPUAdapterInfo.device`, e.g. `'llvmpipe-llvm-15-0-6-256-bits-'`. */
  device: string;
  /** `GPUAdapterInfo.description`, e.g. `'OpenGL version 4.5 (Core Profile) Mesa 22.3.6'`. */
  description: string;
  /**
   * True for an adapter that runs on the CPU: Mesa's llvmpipe, lavapipe or softpipe, SwiftShader,
   * Microsoft's WARP ("Basic Render Driver"), or any adapter that calls itself a fallback adapter.
   */
  software: boolean;
  /**
   * How the adapter was reached: `'browser'` (navigator.gpu), `'dawn'` (Dawn's native backend in
   * Node: Vulkan, Metal or D3D12) or `'dawn-opengles'` (Dawn's OpenGL ES backend in
   * compatibility mode, the route to Mesa's llvmpipe on a machine without a GPU).
   */
  api: 'browser' | 'dawn' | 'dawn-opengles';
}

/**
 * Names of CPU-only GPU implementations: Mesa's llvmpipe (OpenGL), lavapipe (Vulkan) and softpipe,
 * Google's SwiftShader, Microsoft's WARP (listed as "Microsoft Basic Render Driver").
 */
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|softpipe|swiftshader|basic render driver|\bwarp\b/i;

/**
 * Whether an adapter runs on the CPU: it says it is a fallback adapter, or its vendor,
 * architecture, device or description names a software rasterizer (see {@link WebGpuAdapterReport}).
 *
 * @param info - The adapter's `GPUAdapterInfo` (or an object with the same fields).
 * @returns True for llvmpipe, lavapipe, softpipe, SwiftShader, WARP and fallback adapters.
 * @example
 * isSoftwareAdapter({ vendor: '', device: 'llvmpipe-llvm-15-0-6-256-bits-' }); // true
 * isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper' }); // false
 */
export function isSoftwareAdapter(info: WebGpuAdapterInfoLike): boolean {
  if (info.isFallbackAdapter === true) return true;
  return [info.vendor, info.architecture, info.device, info.description].some(
    (field) => typeof field === 'string' && SOFTWARE_ADAPTER.test(field),
  );
}

/**
 * The report of an adapter: its `GPUAdapterInfo` fields, whether it is a software adapter, and
 * how it was reached.
 *
 * @param info - The adapter's `GPUAdapterInfo`.
 * @param api - How the adapter was reached (see {@link WebGpuAdapterReport.api}).
 * @example
 * describeWebGpuAdapter({ vendor: 'nvidia', architecture: 'hopper' }, 'dawn').software; // false
 */
export function describeWebGpuAdapter(
  info: WebGpuAdapterInfoLike,
  api: WebGpuAdapterReport['api'],
): WebGpuAdapterReport {
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    software: isSoftwareAdapter(info),
    api,
  };
}

/**
 * One line for logs and reports, e.g. `software adapter llvmpipe-llvm-15-0-6-256-bits- (OpenGL
 * version 4.5 (Core Profile) Mesa 22.3.6) through Dawn's OpenGL ES backend`.
 *
 * @example
 * adapterLine(describeWebGpuAdapter({ vendor: 'nvidia', architecture: 'hopper' }, 'dawn'));
 * // 'hardware adapter nvidia hopper through Dawn (Vulkan/Metal/D3D12)'
 */
export function adapterLine(report: WebGpuAdapterReport): string {
  const name =
    [report.vendor, report.architecture, report.device].filter((s) => s !== '').join(' ') ||
    'unnamed';
  const description = report.description !== '' ? ` (${report.description})` : '';
  const route = {
    browser: 'in the browser',
    dawn: 'through Dawn (Vulkan/Metal/D3D12)',
    'dawn-opengles': "through Dawn's OpenGL ES backend",
  }[report.api];
  return `${report.software ? 'software' : 'hardware'} adapter ${name}${description} ${route}`;
}
