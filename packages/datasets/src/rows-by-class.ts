/** Row indices of each class, in row order: `byClass[c]` lists the rows whose label is `c`. */
export function rowsByClass(labels: ArrayLike<number>, classes: number): Int32Array[] {
  const counts = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  const byClass = Array.from({ length: classes }, (_, c) => new Int32Array(counts[c]!));
  const filled = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    byClass[c]![filled[c]!++] = i;
  }
  return byClass;
}
