import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type SearchStrategy, type Shard, parseShard } from '@snn/sweep';
import { parseQueueUrl } from '@snn/sweep/redis';
import { UsageError } from '../../common/usage-error';
import { ARCHITECTURES, type Architecture } from '../grid/architectures';
import type { BuiltinGridName, GridSpec } from '../grid/grid-spec';
import type { RunGridOptions } from './run-grid';

/** Options every tabular benchmark shares (the CLI flags in camelCase). */
export interface TabularRunOptions {
  /** Architectures to compare (default: all seven). */
  archs?: Architecture[];
  /** `paper` (default), `quick`, `table1-small` (UCI), a grid JSON path or a grid object. */
  grid?: BuiltinGridName | string | GridSpec;
  /** tfjs backend of every worker (default `auto`). */
  backend?: string;
  /** Output folder (default `results/<benchmark>-<timestamp>`); reuse it to resume. */
  out?: string;
  /** Run seed (default 1): weights, mini-batch order and validation splits derive from it. */
  seed?: number;
  /** The quick grid (same as `grid: 'quick'` unless `grid` is given). */
  quick?: boolean;
  /** Worker processes (default: one per core in the CLI, 1 = in this process for library calls). */
  workers?: number;
  /**
   * The grid's worker module that local worker processes load (`dist/grid-worker.js`; the CLI
   * passes it). Without it, training runs in this process.
   */
  workerModule?: string | URL;
  /** This run's share of the grid: `{index, count}` or `'i/n'`. */
  shard?: Shard | string;
  /**
   * Run the tasks through a Redis queue served by `snn worker` processes on any number of
   * machines: `redis://[user:password@]host:port[/db]` or `rediss://…`.
   */
  queue?: string;
  /** Tries per configuration before it is recorded as failed (default 3), local or queued. */
  attempts?: number;
  /** Give up when the queue's Redis does not answer at the start within this many ms (default 30 000). */
  connectTimeoutMs?: number;
  /**
   * `grid` (default): every configuration of the grid, the paper's protocol; `random`: `trials`
   * configurations per architecture drawn from the grid's axes, the same on every data unit.
   */
  search?: 'grid' | 'random';
  /** Configurations per architecture of a random search (`--trials`), an integer ≥ 1. */
  trials?: number;
  /** `none` (default) or `asha`: stop configurations that fall behind at rungs (see `tabularAsha`). */
  prune?: 'none' | 'asha';
  /** Progress on stderr (default true). */
  progress?: boolean;
  /** Abort the run. */
  signal?: AbortSignal;
}

/** The validated shared options with defaults applied. */
export interface ResolvedRunOptions {
  archs: Architecture[];
  backend: string;
  seed: number;
  workers: number;
  shard?: Shard;
  /** The queue URL, checked. */
  queue?: string;
  attempts: number;
  connectTimeoutMs?: number;
  search: SearchStrategy;
  /** Whether ASHA prunes the run (`--prune asha`). */
  prune: boolean;
}

/** Applies defaults and checks the shared options; bad values throw `UsageError`. */
export function resolveRunOptions(options: TabularRunOptions): ResolvedRunOptions {
  const archs = options.archs ?? [...ARCHITECTURES];
  if (archs.length === 0) throw new UsageError('--archs must name at least one architecture');
  for (const a of archs) {
    if (!(ARCHITECTURES as readonly string[]).includes(a)) {
      throw UsageError.choice('--archs', a, ARCHITECTURES);
    }
  }
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UsageError(`--seed must be an integer ≥ 0; got ${JSON.stringify(seed)}`);
  }
  const workers = options.workers ?? (options.workerModule ? availableParallelism() : 1);
  if (!Number.isInteger(workers) || workers < 1) {
    throw new UsageError(`--workers must be an integer ≥ 1; got ${JSON.stringify(workers)}`);
  }
  let shard: Shard | undefined;
  if (typeof options.shard === 'string') {
    try {
      shard = parseShard(options.shard);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (options.shard) {
    shard = parseShard(`${options.shard.index}/${options.shard.count}`);
  }
  let queue: string | undefined;
  if (options.queue !== undefined) {
    try {
      queue = parseQueueUrl(options.queue);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const attempts = options.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new UsageError(`--attempts must be an integer ≥ 1; got ${JSON.stringify(attempts)}`);
  }
  return {
    queue,
    attempts,
    search: resolveSearch(options),
    prune: resolvePrune(options.prune),
    ...(options.connectTimeoutMs === undefined
      ? {}
      : { connectTimeoutMs: options.connectTimeoutMs }),
    archs: [...new Set(archs)],
    backend: options.backend ?? 'auto',
    seed,
    workers,
    shard,
  };
}

/** `--search` and `--trials`, checked: random search needs a trial count, the grid takes none. */
function resolveSearch(options: TabularRunOptions): SearchStrategy {
  const search = options.search ?? 'grid';
  if (search !== 'grid' && search !== 'random') {
    throw UsageError.choice('--search', search, ['grid', 'random']);
  }
  if (search === 'grid') {
    if (options.trials !== undefined) {
      throw new UsageError(
        `--trials ${options.trials} applies to a random search; add --search random, or leave --trials out for the whole grid`,
      );
    }
    return { type: 'grid' };
  }
  const trials = options.trials;
  if (trials === undefined || !Number.isSafeInteger(trials) || trials < 1) {
    throw new UsageError(
      `--search random needs --trials <n>, the configurations per architecture (an integer ≥ 1); got ${JSON.stringify(trials)}`,
    );
  }
  return { type: 'random', trials };
}

function resolvePrune(prune: TabularRunOptions['prune']): boolean {
  if (prune === undefined || prune === 'none') return false;
  if (prune === 'asha') return true;
  throw UsageError.choice('--prune', prune, ['none', 'asha']);
}

/**
 * The `queue` option of `runGrid` for a run's resolved options: none without `--queue`; else the
 * URL, the tries per task and where workers find the data (`source`, or null for their cache).
 */
export function queueOption(
  shared: ResolvedRunOptions,
  source: string | undefined,
): RunGridOptions['queue'] {
  if (shared.queue === undefined) return undefined;
  const dataSource = source === undefined || source === 'remote' ? null : resolve(source);
  return {
    url: shared.queue,
    attempts: shared.attempts,
    source: dataSource,
    ...(shared.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: shared.connectTimeoutMs }),
  };
}

/** Messages of a run (stderr), silenced with `progress: false`. */
export function logger(enabled: boolean): (line: string) => void {
  return enabled ? (line) => process.stderr.write(`${line}\n`) : () => {};
}
