/**
 * ASHA's rule at one rung: with `recorded` the n values of the trials that reached the rung so
 * far (this trial's `value` included; `null` for one that was not finite), the trial goes on when fewer than max(1, ⌊n/η⌋) values
 * are strictly better than its own — it is in the top 1/η, and the first η − 1 trials at a rung
 * go on when they lead it. A value that is not finite never goes on (a diverged trial).
 *
 * @param mode - `max`: larger is better; `min`: smaller is better.
 * @example
 * promotes(0.9, [0.9, 0.8, 0.7], 3, 'max'); // true: nothing beats 0.9, and ⌊3/3⌋ = 1
 * promotes(0.8, [0.9, 0.8, 0.7], 3, 'max'); // false
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export function promotes(
  value: number | null,
  recorded: ReadonlyArray<number | null>,
  reductionFactor: number,
  mode: 'max' | 'min',
): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  const better = recorded.filter(
    (v) => v !== null && Number.isFinite(v) && (mode === 'max' ? v > value : v < value),
  ).length;
  return better < Math.max(1, Math.floor(recorded.length / reductionFactor));
}
