import { BACKEND_NAMES, type BackendName } from '@snn/runtime';
import { type Command, Option } from 'commander';
import { UsageError } from './usage-error';

/** The flags every `snn` subcommand shares, parsed and validated. */
export interface SharedFlags {
  /** tfjs backend to run on (default `auto`). */
  backend: BackendName;
  /** Output folder; `undefined` → `results/<command>-<timestamp>` (see `resolveOutDir`). */
  out?: string;
  /** Seed for every random choice (initialisation, shuffles, subsets); default 1. */
  seed: number;
  /** The small, fast configuration of the command. */
  quick: boolean;
  /** Print the result summary as JSON on stdout (progress still goes to stderr). */
  json: boolean;
}

export const DEFAULT_SEED = 1;

/**
 * Adds `--backend`, `--out <dir>`, `--seed <n>`, `--quick` and `--json` to `command`. Values are
 * validated by {@link parseSharedFlags}, not by commander, so that every bad value is reported the
 * same way (one line naming the valid choices, exit code 2).
 *
 * @example
 * const cmd = addSharedFlags(new Command('theory'));
 * cmd.action((opts) => { const flags = parseSharedFlags(opts); … });
 */
export function addSharedFlags(command: Command): Command {
  return command
    .addOption(
      // The choices are @snn/runtime's `BACKEND_NAMES`; `auto` picks the fastest available one.
      new Option('--backend <name>', `tfjs backend: ${BACKEND_NAMES.join(', ')}`).default('auto'),
    )
    .addOption(new Option('--out <dir>', 'output folder (default: results/<command>-<timestamp>)'))
    .addOption(new Option('--seed <n>', 'random seed (integer)').default(String(DEFAULT_SEED)))
    .addOption(new Option('--quick', 'small, fast configuration').default(false))
    .addOption(new Option('--json', 'print the result summary as JSON on stdout').default(false));
}

/** Validates the shared flags from commander's parsed options; throws {@link UsageError}. */
export function parseSharedFlags(options: Record<string, unknown>): SharedFlags {
  const backend = String(options.backend ?? 'auto');
  if (!(BACKEND_NAMES as readonly string[]).includes(backend)) {
    throw UsageError.choice('--backend', backend, BACKEND_NAMES);
  }
  const seed = parseInteger('--seed', options.seed ?? DEFAULT_SEED, { min: 0 });
  const out = options.out === undefined ? undefined : String(options.out);
  if (out === '') throw new UsageError('--out must be a folder path; got an empty string');
  return {
    backend: backend as BackendName,
    out,
    seed,
    quick: options.quick === true,
    json: options.json === true,
  };
}

/** Parses an integer flag value with an inclusive range; throws {@link UsageError}. */
export function parseInteger(
  flag: string,
  value: unknown,
  range: { min?: number; max?: number } = {},
): number {
  const text = String(value).trim();
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${flag} must be an integer ${describeRange(min, max)}; got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** Parses a finite number flag value; `exclusiveMin` rejects values ≤ it; throws {@link UsageError}. */
export function parseNumber(
  flag: string,
  value: unknown,
  range: { exclusiveMin?: number; min?: number; max?: number } = {},
): number {
  const text = String(value).trim();
  const n = text === '' ? Number.NaN : Number(text);
  const ok =
    Number.isFinite(n) &&
    (range.exclusiveMin === undefined || n > range.exclusiveMin) &&
    (range.min === undefined || n >= range.min) &&
    (range.max === undefined || n <= range.max);
  if (!ok) {
    const parts: string[] = [];
    if (range.exclusiveMin !== undefined) parts.push(`> ${range.exclusiveMin}`);
    if (range.min !== undefined) parts.push(`≥ ${range.min}`);
    if (range.max !== undefined) parts.push(`≤ ${range.max}`);
    const what = parts.length > 0 ? `a number ${parts.join(' and ')}` : 'a finite number';
    throw new UsageError(`${flag} must be ${what}; got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Parses a comma-separated list of names (e.g. `--datasets iris,wine`): items trimmed, empty ones
 * dropped, duplicates removed; throws {@link UsageError} when none is left.
 *
 * @example
 * parseList('--datasets', 'iris, wine,iris'); // ['iris', 'wine']
 */
export function parseList(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    throw new UsageError(`${flag} must not be empty; got ${JSON.stringify(value)}`);
  return [...new Set(items)];
}

/** Parses a comma-separated list of integers (e.g. `--depths 8,16,32`); throws {@link UsageError}. */
export function parseIntegerList(
  flag: string,
  value: unknown,
  range: { min?: number; max?: number } = {},
): number[] {
  const items = String(value)
    .split(',')
    .map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) {
    throw new UsageError(
      `${flag} must be a comma-separated list of integers ${describeRange(range.min ?? Number.MIN_SAFE_INTEGER, range.max ?? Number.MAX_SAFE_INTEGER)}; got ${JSON.stringify(value)}`,
    );
  }
  return items.map((item) => {
    try {
      return parseInteger(flag, item, range);
    } catch {
      throw new UsageError(
        `${flag} must be a comma-separated list of integers ${describeRange(range.min ?? Number.MIN_SAFE_INTEGER, range.max ?? Number.MAX_SAFE_INTEGER)}; got ${JSON.stringify(value)}`,
      );
    }
  });
}

/** Parses a comma-separated list of choices (e.g. `--archs snn,batchnorm`); throws {@link UsageError}. */
export function parseChoiceList<T extends string>(
  flag: string,
  value: unknown,
  choices: readonly T[],
): T[] {
  const items = String(value)
    .split(',')
    .map((s) => s.trim());
  for (const item of items) {
    if (!(choices as readonly string[]).includes(item)) {
      throw new UsageError(
        `${flag} must be a comma-separated list of ${choices.join(', ')}; got ${JSON.stringify(value)}`,
      );
    }
  }
  return [...new Set(items)] as T[];
}

function describeRange(min: number, max: number): string {
  const hasMin = min > Number.MIN_SAFE_INTEGER;
  const hasMax = max < Number.MAX_SAFE_INTEGER;
  if (hasMin && hasMax) return `in [${min}, ${max}]`;
  if (hasMin) return `≥ ${min}`;
  if (hasMax) return `≤ ${max}`;
  return '';
}
