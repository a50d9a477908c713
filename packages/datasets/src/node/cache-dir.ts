import * as os from 'node:os';
import * as nodePath from 'node:path';

// Namespace imports: a browser bundler that follows the package's dynamic import() of this
// Node-only module then finds no named import missing from its empty stand-in for Node built-ins.
const { homedir } = os;
const { join, resolve } = nodePath;

/**
 * The cache folder: `cacheDir` if given, else `$SNN_DATA_DIR`, else the OS cache folder —
 * `$XDG_CACHE_HOME/snn` or `~/.cache/snn` on Linux and other Unixes, `~/Library/Caches/snn` on
 * macOS, `%LOCALAPPDATA%\snn\Cache` on Windows.
 */
export function resolveCacheDir(cacheDir?: string): string {
  if (cacheDir) return resolve(cacheDir);
  const env = process.env.SNN_DATA_DIR;
  if (env) return resolve(env);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'snn');
  if (process.platform === 'win32') {
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'snn', 'Cache');
  }
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'snn');
}
