import { SnnError } from '../../../../../internal/snn-error';
import { ARCHITECTURES, type Architecture } from './architectures';
import type { GridAxes, GridSpec } from './grid-axes';
import { checkGridLimits } from './grid-limits';

// The grid's types live in grid-axes.ts, which grid-limits.ts imports too; named here as well,
// where a reader of the grids looks for them.
export type { BlockShape, GridAxes, GridSpec, NetworkShape } from './grid-axes';

/**
 * Names of the built-in grids: `paper` and `quick` for every benchmark, `table1-small` for `uci`
 * only. Each benchmark's folder defines the grids it offers (its `grids`).
 */
export const BUILTIN_GRIDS = ['paper', 'quick', 'table1-small'] as const;
/** One of {@link BUILTIN_GRIDS}. */
export type BuiltinGridName = (typeof BUILTIN_GRIDS)[number];

const AXIS_KEYS = [
  'depth',
  'width',
  'lr',
  'dropout',
  'shape',
  'l2',
  'blockShape',
  'bottleneck',
] as const;

/**
 * Checks a grid read from JSON and returns it typed; errors name the field, what was expected and
 * what was found. A grid file is untrusted input: its epochs, widths, depths and the number of
 * configurations it expands to are checked against the limits before anything expands it
 * (see {@link checkGridLimits}).
 *
 * @param value - parsed JSON.
 * @param source - where it came from, for messages (e.g. the file path).
 * @see https://arxiv.org/abs/1706.02515
 */
export function validateGrid(value: unknown, source: string): GridSpec {
  const fail = (what: string, got: unknown): never => {
    throw new SnnError(`grid ${source}: ${what}, got ${JSON.stringify(got)}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected a JSON object', value);
  const v = value as Record<string, unknown>;
  const epochs = v.epochs;
  if (!Number.isInteger(epochs) || (epochs as number) < 1) {
    fail('`epochs` must be a positive integer', epochs);
  }
  const batchSize = v.batchSize;
  if (!Number.isInteger(batchSize) || (batchSize as number) < 1) {
    fail('`batchSize` must be a positive integer', batchSize);
  }
  if (typeof v.archs !== 'object' || v.archs === null) {
    fail('`archs` must map architecture names to axes', v.archs);
  }
  const archs: Partial<Record<Architecture, GridAxes>> = {};
  for (const [arch, axesValue] of Object.entries(v.archs as object)) {
    if (!(ARCHITECTURES as readonly string[]).includes(arch)) {
      fail(`\`archs\` keys must be among ${ARCHITECTURES.join(', ')}`, arch);
    }
    const axes = axesValue as Record<string, unknown>;
    for (const key of Object.keys(axes)) {
      if (!(AXIS_KEYS as readonly string[]).includes(key)) {
        fail(`\`archs.${arch}\` axes must be among ${AXIS_KEYS.join(', ')}`, key);
      }
    }
    const list = (key: string, check: (x: unknown) => boolean, expect: string): void => {
      const a = axes[key];
      if (a === undefined && !['depth', 'width', 'lr'].includes(key)) return;
      if (!Array.isArray(a) || a.length === 0 || !a.every(check)) {
        fail(`\`archs.${arch}.${key}\` must be a non-empty array of ${expect}`, a);
      }
    };
    const posInt = (x: unknown) => Number.isInteger(x) && (x as number) >= 1;
    const posNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
    list('depth', posInt, 'positive integers');
    list('width', posInt, 'positive integers');
    list('lr', posNum, 'positive numbers');
    list('dropout', (x) => typeof x === 'number' && x >= 0 && x < 1, 'rates in [0, 1)');
    list('shape', (x) => x === 'rectangular' || x === 'conic', "'rectangular' or 'conic'");
    list('l2', (x) => typeof x === 'number' && x >= 0, 'numbers ≥ 0');
    list('blockShape', (x) => x === 'rectangular' || x === 'diavolo', "'rectangular' or 'diavolo'");
    list('bottleneck', (x) => typeof x === 'number' && x > 0 && x <= 1, 'fractions in (0, 1]');
    archs[arch as Architecture] = axes as unknown as GridAxes;
  }
  const grid = {
    name: typeof v.name === 'string' ? v.name : source,
    epochs: epochs as number,
    batchSize: batchSize as number,
    archs,
  };
  checkGridLimits(grid, source);
  return grid;
}
