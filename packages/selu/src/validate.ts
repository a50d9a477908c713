import { SnnError } from '../../../internal/snn-error';

/** Throws unless `value` is a finite number; names the function, the argument and the fix. */
export function assertFinite(fn: string, name: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SnnError(`${fn}: \`${name}\` must be a finite number, got ${String(value)}; ${fix}`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(fn: string, name: string, value: unknown, fix: string): number {
  assertFinite(fn, name, value, fix);
  if ((value as number) <= 0) {
    throw new SnnError(`${fn}: \`${name}\` must be > 0, got ${String(value)}; ${fix}`);
  }
  return value as number;
}

/** Throws unless `rate` is a drop probability in [0, 1). */
export function assertRate(fn: string, rate: unknown): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new SnnError(
      `${fn}: \`rate\` must be in [0, 1), got ${String(rate)}; pass a drop probability such as 0.05 or 0.1`,
    );
  }
  return rate;
}

/** Throws unless `seed` is undefined, null or a finite number. */
export function assertSeed(fn: string, seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new SnnError(
      `${fn}: \`seed\` must be a finite number, got ${String(seed)}; pass an integer such as 42 or omit it`,
    );
  }
  return seed;
}
