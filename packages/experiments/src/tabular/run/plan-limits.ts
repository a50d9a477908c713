import type { StoreHeader } from '@snn/sweep';
import { SnnError } from '../../../../../internal/snn-error';
import { HTRU2_FOLDS } from '../data/htru2-units';
import { ARCHITECTURES } from '../grid/architectures';
import { checkGridLimits } from '../grid/grid-limits';
import { validateGrid } from '../grid/grid-spec';
import { uciFolds } from '../uci/uci-report';

/**
 * Checks a run header that came from outside — a queued job anyone with access to the Redis may
 * have written — before its tasks are planned: the grid's structure and sizes (`validateGrid`),
 * the architectures, and the run's configurations (grid points × data units: UCI sets × folds,
 * HTRU2's folds, Tox21's repeats) against the limits, so a header asking for 10⁹ repeats or units
 * is refused before a single task or unit is made. Throws an `SnnError` (a `LimitError` for sizes)
 * naming `source` and the field.
 *
 * @param header a header of the uci, htru2 or tox21 benchmark.
 * @param source where it came from, for messages (e.g. `this job`: `grid of this job's run header: …`).
 * @example
 * checkPlanLimits(job.header, 'this job'); // then planTasks(job.header)
 * @see https://arxiv.org/abs/1706.02515
 */
export function checkPlanLimits(header: StoreHeader, source: string): void {
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
  let units: number;
  if (header.benchmark === 'uci') {
    if (!Array.isArray(plan.datasets)) fail('`datasets` must be an array', plan.datasets);
    if (plan.split !== 'paper' && plan.split !== 'kfold') {
      fail("`split` must be 'paper' or 'kfold'", plan.split);
    }
    units = (plan.datasets as unknown[]).length * uciFolds(plan.split as 'paper').length;
  } else if (header.benchmark === 'htru2') {
    units = HTRU2_FOLDS;
  } else {
    if (!Number.isSafeInteger(plan.repeats) || (plan.repeats as number) < 1) {
      fail('`repeats` must be a positive integer', plan.repeats);
    }
    units = plan.repeats as number;
  }
  const chosen = Object.fromEntries(
    Object.entries(grid.archs).filter(([arch]) => (archs as unknown[]).includes(arch)),
  );
  checkGridLimits({ ...grid, archs: chosen }, where, units);
}
