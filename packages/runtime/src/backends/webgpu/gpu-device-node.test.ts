import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasGpuDeviceNode } from './gpu-device-node';

const root = mkdtempSync(join(tmpdir(), 'snn-dev-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fake /dev with the given entries (files; `dri/…` creates the folder). */
function dev(name: string, entries: string[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of entries) {
    mkdirSync(join(dir, entry, '..'), { recursive: true });
    writeFileSync(join(dir, entry), '');
  }
  return dir;
}

describe.runIf(process.platform === 'linux')('hasGpuDeviceNode (Linux)', () => {
  it('finds a DRM render node or an NVIDIA device', async () => {
    expect(await hasGpuDeviceNode(dev('amd', ['dri/card0', 'dri/renderD128']))).toBe(true);
    expect(await hasGpuDeviceNode(dev('nvidia', ['nvidia0', 'nvidiactl', 'nvidia-uvm']))).toBe(
      true,
    );
  });

  it('finds none in a container without a GPU (control nodes and display-only cards do not count)', async () => {
    expect(await hasGpuDeviceNode(dev('none', ['null', 'zero', 'shm/x']))).toBe(false);
    expect(await hasGpuDeviceNode(dev('ctl', ['nvidiactl', 'dri/card0']))).toBe(false);
    expect(await hasGpuDeviceNode(join(root, 'missing'))).toBe(false);
  });
});
