import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = fileURLToPath(new URL('../', import.meta.url));
export const distDir = join(webDir, 'dist');
const experimentsDir = join(webDir, '..');
const repoDir = join(experimentsDir, '../..');

/** Newest modification time of the files under `path` (0 when it does not exist). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'test-artifacts') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Whether `dist/` is older than anything the page is built from. */
export function pageIsStale(): boolean {
  const built = newestMtime(join(distDir, 'index.html'));
  if (built === 0) return true;
  const packagesDir = join(repoDir, 'packages');
  const inputs = [
    join(webDir, 'index.html'),
    join(webDir, 'vite.config.ts'),
    join(webDir, 'src'),
    join(webDir, 'public'),
    join(repoDir, 'internal'),
    join(repoDir, 'pnpm-lock.yaml'),
    ...readdirSync(packagesDir).map((name) => join(packagesDir, name, 'src')),
  ];
  return inputs.some((input) => newestMtime(input) > built);
}

/** Runs `vite build` for the page (what `pnpm --filter @snn/experiments web:build` runs). */
export async function buildPage(): Promise<void> {
  const vite = join(experimentsDir, 'node_modules/vite/bin/vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: experimentsDir, stdio: ['ignore', 'inherit', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${stderr}`);
}

/** Builds the page unless `dist/` is up to date (or always, with SNN_WEB_REBUILD=1). */
export async function ensurePageBuilt(): Promise<void> {
  if (process.env.SNN_WEB_REBUILD === '1' || pageIsStale()) await buildPage();
}
