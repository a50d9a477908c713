import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folders = readdirSync(join(root, 'npm')).filter((dir) =>
  existsSync(join(root, 'npm', dir, 'package.json')),
);

/** npm's `os`, `cpu` and `libc` for a platform key such as `linux-x64-gnu` or `darwin-arm64`. */
function fieldsOf(key: string): { os: string[]; cpu: string[]; libc?: string[] } {
  const [os, cpu, libc] = key.split('-') as [string, string, string | undefined];
  const libcField = { gnu: 'glibc', musl: 'musl' }[libc ?? ''];
  return { os: [os], cpu: [cpu], ...(libcField ? { libc: [libcField] } : {}) };
}

describe('the prebuilt platform packages', () => {
  it('are listed under optionalDependencies, each with a folder npm/<platform>/', () => {
    const listed = Object.keys(manifest.optionalDependencies ?? {}).sort();
    expect(listed).toEqual(folders.map((dir) => `@snn/backend-native-${dir}`).sort());
    expect(listed).toContain('@snn/backend-native-linux-x64-gnu');
    for (const name of listed) expect(manifest.optionalDependencies[name]).toBe('workspace:*');
  });

  it.each(folders)('npm/%s names its platform and ships only the addon', (dir) => {
    const platform = JSON.parse(readFileSync(join(root, 'npm', dir, 'package.json'), 'utf8'));
    expect(platform.name).toBe(`@snn/backend-native-${dir}`);
    // One version for the package and its binaries: a changeset names both.
    expect(platform.version).toBe(manifest.version);
    expect({ os: platform.os, cpu: platform.cpu, libc: platform.libc }).toEqual({
      libc: undefined,
      ...fieldsOf(dir),
    });
    expect(platform.main).toBe('snn-native.node');
    expect(platform.files).toEqual(['snn-native.node', 'README.md']);
    // Packing builds the binary (for the baseline CPU) and fails without it.
    expect(platform.scripts.prepack).toMatch(/SNN_NATIVE_REQUIRED=1 .*build-native\.mjs --package/);
  });
});
