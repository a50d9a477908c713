import { readFileSync } from 'node:fs';
import { UsageError } from '../../common/usage-error';
import type { GridSpec } from './grid-axes';
import { BUILTIN_GRIDS, type BuiltinGridName, validateGrid } from './grid-spec';

/**
 * The grid of a run from `--grid`, with the benchmark's built-in grids given by `builtin`:
 * `paper` (the default), `quick` (also chosen by `quick`), another built-in name, a path to a
 * grid JSON file, or a {@link GridSpec} object (library use). Bad values throw `UsageError`.
 *
 * @example
 * resolveGridWith((name) => builtinGrid('uci', name), 'quick').epochs; // 50
 * @see https://arxiv.org/abs/1706.02515
 */
export function resolveGridWith(
  builtin: (name: BuiltinGridName) => GridSpec,
  grid: string | GridSpec | undefined,
  quick = false,
): GridSpec {
  if (grid === undefined) return builtin(quick ? 'quick' : 'paper');
  if (typeof grid === 'object') return validateGrid(grid, grid.name ?? 'object');
  if ((BUILTIN_GRIDS as readonly string[]).includes(grid)) {
    try {
      return builtin(grid as BuiltinGridName);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  let text: string;
  try {
    text = readFileSync(grid, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--grid must be ${BUILTIN_GRIDS.join(', ')} or a readable grid JSON file; got ${JSON.stringify(grid)} (${(error as Error).message})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--grid ${grid}: not valid JSON (${(error as Error).message})`);
  }
  try {
    return validateGrid(value, grid);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
