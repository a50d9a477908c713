/**
 * Whether this Linux machine has a GPU device node: a DRM render node (`/dev/dri/renderD*`, any
 * vendor's kernel driver) or an NVIDIA device (`/dev/nvidia0`, …). True on other platforms, where
 * no such cheap check exists, and false outside Node. `selectBackend('auto')` asks Dawn for an
 * adapter only when this is true, so a CPU-only machine never loads Dawn.
 *
 * @param devDir - The device folder; default `/dev` (tests pass a folder of their own).
 * @example
 * await hasGpuDeviceNode(); // false in a container without a GPU
 */
export async function hasGpuDeviceNode(devDir = '/dev'): Promise<boolean> {
  const process = (globalThis as { process?: { platform?: string; versions?: { node?: string } } })
    .process;
  if (typeof process?.versions?.node !== 'string') return false;
  if (process.platform !== 'linux') return true;
  const { readdirSync } = await import('node:fs');
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  return (
    list(`${devDir}/dri`).some((name) => name.startsWith('renderD')) ||
    list(devDir).some((name) => /^nvidia\d+$/.test(name))
  );
}
