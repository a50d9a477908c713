import { createRequire } from 'node:module';
import type * as Bullmq from 'bullmq';
import type * as Ioredis from 'ioredis';
import { SnnError } from '../../../../internal/snn-error';

/** The optional peer dependencies `@snn/sweep/redis` runs on, with the ranges it is tested with. */
export const REDIS_PEERS = { bullmq: '6.7.0', ioredis: '^5.11.1' } as const;

/** A module loader with Node's `require` contract (injectable for tests). */
export type PeerRequire = (name: string) => unknown;

const nodeRequire: PeerRequire = createRequire(import.meta.url);

/**
 * Loads the optional peer `name` (`bullmq` or `ioredis`) when the queue first needs it, so that
 * importing `@snn/sweep/redis` never fails by itself and `@snn/sweep` never loads a Redis client.
 * A peer that is not installed throws an {@link SnnError} naming both packages and the command
 * that installs them; any other load error is passed on as it is.
 *
 * @example
 * const { Queue } = loadPeer('bullmq');
 * @see https://arxiv.org/abs/1706.02515
 */
export function loadPeer<N extends keyof typeof REDIS_PEERS>(
  name: N,
  load: PeerRequire = nodeRequire,
): N extends 'bullmq' ? typeof Bullmq : typeof Ioredis {
  try {
    return load(name) as N extends 'bullmq' ? typeof Bullmq : typeof Ioredis;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing =
      (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') &&
      String((error as Error).message).includes(`'${name}'`);
    if (!missing) throw error;
    const install = Object.entries(REDIS_PEERS)
      .map(([peer, range]) => `${peer}@${range}`)
      .join(' ');
    throw new SnnError(
      `@snn/sweep/redis: the optional peer dependency ${name} is not installed; the Redis queue needs bullmq and ioredis beside @snn/sweep — install them with \`npm install ${install}\` (or pnpm add / yarn add), or run the sweep without the queue (inProcess or localPool from @snn/sweep)`,
      { cause: error },
    );
  }
}
