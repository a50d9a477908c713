import { rungEpochs } from '@snn/sweep';
import type { Architecture } from '../grid/architectures';
import { expandGrid } from '../grid/expand-grid';
import type { GridSpec } from '../grid/grid-spec';
import { plannedCounts } from '../run/grid-task';
import { type TabularSearch, planSearch } from '../run/tabular-search';

/** Fixed decimals, or an em dash for a missing value. */
export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toFixed(digits);
}

/** A signed fixed number (`+0.021`, `−0.756`). */
export function signed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `−${text}` : `+${text}`;
}

/** A p-value with 2 significant digits (`0.043`, `3.1e-05`). */
export function pValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value >= 0.001)
    return value
      .toPrecision(2)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  return value.toExponential(1);
}

/** A Markdown table from a header row and body rows. */
export function markdownTable(header: string[], rows: string[][], align?: string[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => align?.[i] ?? '---');
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** `SGD, batch 32, 100 epochs` and the selection rule, for the head of every report. */
export function protocolLine(grid: {
  name: string;
  epochs: number;
  batchSize: number;
}): string {
  const rule =
    'model and epoch selected on the validation curve smoothed by a moving average of 10 ' +
    '(ties: more layers, smaller learning rate, larger dropout).';
  return `Grid \`${grid.name}\`; plain SGD (no momentum), mini-batches of ${grid.batchSize}, ${grid.epochs} epochs per configuration; ${rule}`;
}

/**
 * What each data unit trains, for the head of every report: the grid's configurations per
 * architecture (`snn 8, msra 8`), or under random search the trials per architecture, drawn from
 * the grid's axes, and the pruner's rungs.
 *
 * @example
 * configurationsLine({ grid, archs: ['snn'], seed: 1 });                               // 'snn 8'
 * configurationsLine({ grid, archs: ['snn'], seed: 1, search: { type: 'random', trials: 6 } });
 * // 'random search, 6 trials per network drawn from the grid's axes (snn 6 of 8)'
 */
export function configurationsLine(
  config: { grid: GridSpec; archs: readonly Architecture[]; seed: number } & TabularSearch,
): string {
  const counts = plannedCounts(config, (c) => [c.arch]);
  const { search, prune } = planSearch(config);
  if (search.type === 'grid') return config.archs.map((a) => `${a} ${counts.get(a)}`).join(', ');
  const perArch = config.archs
    .map((a) => `${a} ${counts.get(a)} of ${expandGrid(config.grid, a).length}`)
    .join(', ');
  const rungs =
    prune === undefined
      ? ''
      : `; ASHA pruning after epochs ${rungEpochs(prune, config.grid.epochs).join(', ')} (η = ${prune.reductionFactor})`;
  return `random search, ${search.trials} trials per network drawn from the grid's axes (${perArch})${rungs}`;
}
