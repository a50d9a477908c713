/**
 * The data of the units a batch of tasks needs, loaded once per unit and released when the unit's
 * last task is done, so a sweep over many data sets holds only those in use.
 *
 * @example
 * const units = unitCache(tasks, loadUnit);
 * const data = await units.get(task.unit); … units.done(task.unit);
 */
export function unitCache<D>(
  tasks: ReadonlyArray<{ unit: string }>,
  load: (unit: string) => Promise<D>,
): { get(unit: string): Promise<D>; done(unit: string): void } {
  const remaining = new Map<string, number>();
  for (const t of tasks) remaining.set(t.unit, (remaining.get(t.unit) ?? 0) + 1);
  const cache = new Map<string, Promise<D>>();
  return {
    get(unit) {
      let p = cache.get(unit);
      if (p === undefined) {
        p = load(unit);
        cache.set(unit, p);
      }
      return p;
    },
    done(unit) {
      const left = (remaining.get(unit) ?? 1) - 1;
      remaining.set(unit, left);
      if (left <= 0) cache.delete(unit);
    },
  };
}
