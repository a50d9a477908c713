import type { StoreHeader } from '@snn/sweep';
import { SnnError } from '../../../../../internal/snn-error';
import { ARCHITECTURES } from '../grid/architectures';
import { checkGridLimits } from '../grid/grid-limits';
import { validateGrid } from '../grid/grid-spec';
import type { TabularBenchmark } from '../tabular-benchmark';
import { planSearch } from './tabular-search';

/**
 * Checks a run header that came from outside — a queued job anyone with access to the Redis may
 * have written — before its tasks are planned: the grid's structure and sizes (`validateGrid`),
 * the architectures, and the run's configurations (grid points × data units, as the benchmark's
 * `countUnits` counts them: UCI sets × folds, HTRU2's folds, Tox21's repeats) against the limits, so a header asking for 10⁹ repeats or units
 * is refused before a single task or unit is made. Throws an `SnnError` (a `LimitError` for sizes)
 * naming `source` and the field.
 *
 * @param benchmark the benchmark the header names.
 * @param header a run header of that benchmark.
 * @param source where it came from, for messages (e.g. `this job`: `grid of this job's run header: …`).
 * @example
 * checkPlanLimits(uciBenchmark, job.header, 'this job'); // then planTasks(uciBenchmark, job.header)
 * @see https://arxiv.org/abs/1706.02515
 */
export function checkPlanLimits(
  benchmark: TabularBenchmark,
  header: StoreHeader,
  source: string,
): void {
  const plan = header.fingerprint as Record<string, unknown>;
  const fail = (what: string, got: unknown): never => {
    throw new SnnError(
      `${source}: the ${header.benchmark} run header's ${what}, got ${JSON.stringify(got)?.slice(0, 80)}; this job was not written by an snn coordinator`,
    );
  };
  const where = `of ${source}'s run header`;
  const grid = validateGrid(plan.grid, where);
  const archs = plan.archs;
  if (
    !Array.isArray(archs) ||
    !archs.every((a) => (ARCHITECTURES as readonly unknown[]).includes(a))
  ) {
    fail(`\`archs\` must list architectures among ${ARCHITECTURES.join(', ')}`, archs);
  }
  if (!Number.isSafeInteger(plan.seed)) fail('`seed` must be an integer', plan.seed);
  const units = benchmark.countUnits(plan, fail);
  const chosen = Object.fromEntries(
    Object.entries(grid.archs).filter(([arch]) => (archs as unknown[]).includes(arch)),
  );
  // A random search trains `trials` per architecture and unit, not the grid: gridTasks checks
  // that count against the limit, here only the grid itself.
  let random = false;
  try {
    random = planSearch(plan).search.type === 'random';
  } catch (error) {
    fail(`search or prune (${(error as Error).message})`, {
      search: plan.search,
      prune: plan.prune,
    });
  }
  checkGridLimits({ ...grid, archs: chosen }, where, random ? 1 : units);
}
