import type { Figure1Arch } from './figure1-config';
import type { Figure1Curve } from './figure1-result';

/** How one curve behaved: its drop and its smoothness. */
export interface CurveSummary {
  arch: Figure1Arch;
  depth: number;
  first: number;
  last: number;
  /** (first − last) / first: 0.2 means the last loss is 20% below the first. */
  relativeDrop: number;
  /** Share of epoch-to-epoch steps in which the loss went up (0 = never, the smoothest). */
  increaseShare: number;
  diverged: boolean;
}

/** Per-curve summaries and, per architecture, the share of increases over all its steps. */
export interface Figure1Smoothness {
  curves: CurveSummary[];
  /** Pooled over every curve of the architecture: increases / steps. */
  increaseShare: Partial<Record<Figure1Arch, number>>;
}

/** Share of steps `loss[e] → loss[e+1]` that increase; NaN for fewer than two values. */
export function increaseShare(loss: readonly number[]): number {
  if (loss.length < 2) return Number.NaN;
  let ups = 0;
  for (let e = 1; e < loss.length; e++) if (loss[e]! > loss[e - 1]!) ups++;
  return ups / (loss.length - 1);
}

/**
 * The smoothness measure the README reports for Figure 1: the share of epoch-to-epoch loss
 * increases (SGD on a smooth, well-conditioned loss keeps falling; the paper's BatchNorm curves
 * jump up and down), plus each curve's relative drop from first to last epoch.
 */
export function figure1Smoothness(curves: readonly Figure1Curve[]): Figure1Smoothness {
  const summaries = curves.map((c) => {
    const first = c.loss[0] ?? Number.NaN;
    const last = c.loss.at(-1) ?? Number.NaN;
    return {
      arch: c.arch,
      depth: c.depth,
      first,
      last,
      relativeDrop: (first - last) / first,
      increaseShare: increaseShare(c.loss),
      diverged: c.diverged === true,
    };
  });
  const pooled: Figure1Smoothness['increaseShare'] = {};
  for (const arch of new Set(curves.map((c) => c.arch))) {
    let ups = 0;
    let steps = 0;
    for (const c of curves) {
      if (c.arch !== arch) continue;
      for (let e = 1; e < c.loss.length; e++) {
        steps++;
        if (c.loss[e]! > c.loss[e - 1]!) ups++;
      }
    }
    pooled[arch] = steps === 0 ? Number.NaN : ups / steps;
  }
  return { curves: summaries, increaseShare: pooled };
}
