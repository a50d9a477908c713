/**
 * Fisher–Yates shuffle of `values` in place, from the last position down: the step at position
 * i = n−1, n−2, … swaps `values[i]` with `values[j]`, j = `randomBelow(i + 1, i)` uniform in
 * [0, i]. After all n − 1 steps (the default) the array is a uniformly random permutation; after
 * `steps` steps its last `steps` positions hold a uniformly random sample without replacement.
 *
 * The one shuffle of every `@snn/*` package; each supplies its own seeded generator through
 * `randomBelow`, so its sequences stay reproducible from its seed.
 *
 * @param values - The array to permute.
 * @param randomBelow - Returns an integer uniform in [0, `range`); `position` is the step's i.
 * @param steps - Positions to draw, from the end; default n − 1 (a full shuffle).
 * @example
 * const order = Int32Array.from({ length: 5 }, (_, i) => i);
 * fisherYates(order, (range) => Math.floor(Math.random() * range)); // a permutation of 0…4
 */
export function fisherYates(
  values: Int32Array,
  randomBelow: (range: number, position: number) => number,
  steps = values.length - 1,
): void {
  const stop = Math.max(values.length - 1 - steps, 0);
  for (let i = values.length - 1; i > stop; i--) {
    const j = randomBelow(i + 1, i);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}
