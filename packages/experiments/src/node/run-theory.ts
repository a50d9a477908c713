import { join } from 'node:path';
import { writeJsonAtomic } from '../../../../internal/atomic-write';
import { writePlot } from '../common/plot';
import { type TheoryOptions, type TheoryResult, computeTheory } from '../theory/compute-theory';
import { theorySpec } from '../theory/theory-plot';

/** Options of {@link runTheory}: the `snn theory` flags in camelCase. */
export interface RunTheoryOptions extends TheoryOptions {
  /** Folder for `theory.json`, `theory.svg` and `theory.png`; nothing is written without it. */
  out?: string;
}

/**
 * `snn theory` as a function: {@link computeTheory} (the paper's Figure 2 and the Theorem 1 check),
 * and with `out` the files `theory.json`, `theory.svg` and `theory.png` written atomically.
 *
 * @example
 * const theory = await runTheory({ out: 'results/theory' });
 * theory.spectralNorm; // 0.7877 (< 1: g contracts around the fixed point (0, 1))
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runTheory(options: RunTheoryOptions = {}): Promise<TheoryResult> {
  const result = computeTheory(options);
  if (options.out !== undefined) {
    await writeJsonAtomic(join(options.out, 'theory.json'), result);
    await writePlot(options.out, 'theory', theorySpec(result));
  }
  return result;
}
