import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { SnnError } from '../../../../internal/snn-error';

/**
 * Environment variable through which `serveQueue` tells its sandboxed processors the data
 * locations it was started with (a JSON array of paths).
 */
export const WORKER_DATA_ENV = 'SNN_WORKER_DATA';

/**
 * The data locations in {@link WORKER_DATA_ENV}, or none when it is unset.
 *
 * @example
 * dataLocationsFromEnv({ SNN_WORKER_DATA: '["/data"]' }); // ['/data']
 */
export function dataLocationsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const text = env[WORKER_DATA_ENV];
  if (text === undefined || text === '') return [];
  const value = JSON.parse(text) as unknown;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new SnnError(
      `${WORKER_DATA_ENV} must be a JSON array of paths, got ${JSON.stringify(text)}; serveQueue sets it from its \`dataLocations\``,
    );
  }
  return value;
}

/**
 * Checks the data `source` a queued job asks for against the `locations` its worker was started
 * with (`serveQueue`'s `dataLocations`): `source` must be one of them or lie inside one of them after
 * every symbolic link is resolved, and be a regular file or a folder — so a job can never make a
 * worker read `/dev/zero`, `/proc/…`, a FIFO or another user's files. A `null` source (the
 * worker's own default data cache) is always accepted. Returns the resolved path.
 *
 * @example
 * checkDataSource('/data/uci121/data.tar.gz', ['/data']); // '/data/uci121/data.tar.gz'
 * checkDataSource('/dev/zero', ['/data']); // throws: outside the data locations
 * @see https://arxiv.org/abs/1706.02515
 */
export function checkDataSource(
  source: string | null,
  locations: readonly string[],
): string | null {
  if (source === null) return null;
  const allowed = locations.join(', ') || 'none';
  const refuse = (why: string): never => {
    throw new SnnError(
      `data source ${JSON.stringify(source)} ${why}; this worker reads data only from the locations it was started with (${allowed}) — start it with \`dataLocations\` naming the run's data, or run the coordinator on data inside them`,
    );
  };
  if (!isAbsolute(source)) refuse('is not an absolute path');
  let real: string;
  try {
    real = realpathSync(source);
  } catch {
    return refuse('does not exist on this machine');
  }
  const inside = locations.some((location) => {
    let base: string;
    try {
      base = realpathSync(resolve(location));
    } catch {
      return false;
    }
    const path = relative(base, real);
    return path === '' || (!path.startsWith('..') && !isAbsolute(path));
  });
  if (!inside) refuse(`(${real}) is outside the data locations`);
  const stat = statSync(real);
  if (!stat.isFile() && !stat.isDirectory()) refuse('is not a regular file or a folder');
  return real;
}
