import { brand } from './brand';
import { SnnError } from './snn-error';

/** One size bound: what it counts, its default and the environment variable that raises it. */
export interface Limit {
  /** What is counted, plural, for messages: `units in one layer`. */
  readonly what: string;
  /** The bound when its environment variable is unset. */
  readonly default: number;
  /** The environment variable that replaces the default, e.g. `SNN_MAX_WIDTH`. */
  readonly env: string;
}

/**
 * The size limits every entry point checks before it allocates: `snn doctor` (a model.json from
 * anyone), grid files (`--grid`), queued jobs and the data-set loaders. They keep a hostile or
 * mistyped input from taking gigabytes of memory or hours of CPU; each default sits far above what
 * the paper needs, and each can be raised deliberately through its environment variable
 * (`SNN_MAX_WIDTH=100000 snn uci …`).
 *
 * - `parameters` (`SNN_MAX_PARAMETERS`, 500,000,000): weights of one model, 2 GB as float32; the
 *   paper's largest network (Tox21, 801 inputs, 32 layers of 2048 units) has 1.3·10⁸.
 * - `width` (`SNN_MAX_WIDTH`, 65,536): units (or filters) of one layer; the paper's widest is 2048.
 * - `depth` (`SNN_MAX_DEPTH`, 1,024): hidden layers (or blocks) of a grid's network; the paper's
 *   deepest has 32.
 * - `layers` (`SNN_MAX_LAYERS`, 10,000): layers of a model file, activation and dropout layers
 *   included (an SNN of depth 1,024 has about 3,000).
 * - `epochs` (`SNN_MAX_EPOCHS`, 100,000): epochs per configuration; the paper trains 100.
 * - `configurations` (`SNN_MAX_CONFIGURATIONS`, 2,000,000): trainings of one run, grid points
 *   times data units; the paper's full UCI run has about 500,000 (121 sets × 4 folds × 972 points).
 * - `rows` (`SNN_MAX_ROWS`, 10,000,000): rows a data file announces; the largest UCI set has
 *   about 130,000, MNIST 70,000, Tox21 12,000.
 * - `columns` (`SNN_MAX_COLUMNS`, 100,000): features per row; Tox21 has 801, CIFAR-10 3,072.
 * - `shardBytes` (`SNN_MAX_SHARD_BYTES`, 1 GiB): size of one weight file of a model; tfjs writes
 *   4 MB shards, and the paper's largest model in one file is 0.53 GB.
 *
 * @example
 * LIMITS.width.default; // 65536
 * LIMITS.width.env;     // 'SNN_MAX_WIDTH'
 */
export const LIMITS = {
  parameters: { what: 'parameters in one model', default: 500_000_000, env: 'SNN_MAX_PARAMETERS' },
  width: { what: 'units in one layer', default: 65_536, env: 'SNN_MAX_WIDTH' },
  depth: { what: 'hidden layers in one network', default: 1_024, env: 'SNN_MAX_DEPTH' },
  layers: { what: 'layers in one model', default: 10_000, env: 'SNN_MAX_LAYERS' },
  epochs: { what: 'epochs per configuration', default: 100_000, env: 'SNN_MAX_EPOCHS' },
  configurations: {
    what: 'configurations in one run',
    default: 2_000_000,
    env: 'SNN_MAX_CONFIGURATIONS',
  },
  rows: { what: 'rows in one data set', default: 10_000_000, env: 'SNN_MAX_ROWS' },
  columns: { what: 'columns in one data set', default: 100_000, env: 'SNN_MAX_COLUMNS' },
  shardBytes: { what: 'bytes in one weight file', default: 2 ** 30, env: 'SNN_MAX_SHARD_BYTES' },
} as const satisfies Record<string, Limit>;

/** The name of one of the {@link LIMITS}. */
export type LimitName = keyof typeof LIMITS;

const BRAND = brand('@snn/limit-error');

/**
 * An input larger than one of the {@link LIMITS}. A subclass of `SnnError`; `instanceof` works
 * across every loaded copy of the `@snn/*` packages. A caller that retries failed work should
 * not retry this one: the same input is refused again.
 *
 * @example
 * try { checkLimit('width', 3e7, 'model.json layer dense_1'); }
 * catch (e) { if (e instanceof LimitError) console.error(e.env, e.limit, e.found); }
 */
export class LimitError extends SnnError {
  constructor(
    /** Which limit. */
    readonly limit: LimitName,
    /** The bound in force. */
    readonly max: number,
    /** The size found. */
    readonly found: number,
    /** The environment variable that raises the bound. */
    readonly env: string,
    message: string,
  ) {
    super(message);
    this.name = 'LimitError';
    BRAND.mark(this);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }
}

const format = (n: number): string =>
  Number.isFinite(n) && Math.abs(n) < 1e21 ? Math.round(n).toLocaleString('en-US') : String(n);

/**
 * The bound in force for `name`: its environment variable when set, else its default. A set
 * variable must hold a positive integer (`1000000`, `1_000_000` or `1e6`).
 *
 * @param name One of the {@link LIMITS}.
 * @param env Where the variables are read (default `process.env`; `{}` in a browser).
 * @throws SnnError when the variable is set to something else than a positive integer.
 * @example
 * limitOf('width'); // 65536, or Number(process.env.SNN_MAX_WIDTH)
 */
export function limitOf(
  name: LimitName,
  env: Readonly<Record<string, string | undefined>> = typeof process === 'undefined'
    ? {}
    : process.env,
): number {
  const limit: Limit = LIMITS[name];
  const text = env[limit.env]?.trim();
  if (text === undefined || text === '') return limit.default;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new SnnError(
      `${limit.env} must be a positive integer (the most ${limit.what}), got ${JSON.stringify(text)}; set it to e.g. ${limit.default * 2} or unset it for the default ${format(limit.default)}`,
    );
  }
  return value;
}

/**
 * Refuses a size above the limit `name` before anything of that size is allocated. The message
 * names the input (`where`), what was found, the limit and how to raise it:
 * ``model.json layer 'dense': 30,000,000 units in one layer, more than the limit of 65,536;
 * if this is intended, raise the limit: SNN_MAX_WIDTH=30000000``.
 *
 * @param name One of the {@link LIMITS}.
 * @param found The size the input asks for; a non-finite or non-number size is refused too.
 * @param where The input, as the user knows it: a file and field, a flag, a job.
 * @throws LimitError when `found` exceeds the limit.
 * @example
 * checkLimit('epochs', grid.epochs, 'grid tiny.json `epochs`');
 */
export function checkLimit(name: LimitName, found: number, where: string): void {
  const max = limitOf(name);
  if (found <= max) return;
  const limit: Limit = LIMITS[name];
  const raise = Number.isSafeInteger(found)
    ? `if this is intended, raise the limit: ${limit.env}=${found}`
    : 'a size that is not a finite number cannot be allowed; fix the input';
  throw new LimitError(
    name,
    max,
    found,
    limit.env,
    `${where}: ${format(found)} ${limit.what}, more than the limit of ${format(max)}; ${raise} (environment variable, default ${format(limit.default)})`,
  );
}
