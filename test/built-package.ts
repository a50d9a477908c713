import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The newest modification time of the non-test `.ts` sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * The path of `file` in `packages/<name>/dist/`, after building the package (and what it
 * depends on) when the file is missing or older than the package's sources — for tests that run
 * the built code in child processes.
 */
export function builtFile(name: string, file: string): string {
  const packageDir = join(root, 'packages', name);
  const path = join(packageDir, 'dist', file);
  if (!existsSync(path) || statSync(path).mtimeMs < newestSource(join(packageDir, 'src'))) {
    execFileSync('pnpm', ['--filter', `@snn/${name}...`, 'build'], { cwd: root, stdio: 'ignore' });
  }
  return path;
}
