import type { Figure1Arch } from './figure1-config';
import type { Figure1Curve } from './figure1-curve';

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
  /** Share of epochs at which the curve's bend flips (see `wiggleShare` below). */
  wiggleShare: number;
  diverged: boolean;
}

/** Per-curve summaries and, per architecture, the share of increases over all its steps. */
export interface Figure1Smoothness {
  curves: CurveSummary[];
  /** Pooled over every curve of the architecture: increases / steps. */
  increaseShare: Partial<Record<Figure1Arch, number>>;
  /** Pooled over every curve of the architecture: bend flips / places a flip could happen. */
  wiggleShare: Partial<Record<Figure1Arch, number>>;
}

/** Share of steps `loss[e] → loss[e+1]` that increase; NaN for fewer than two values. */
export function increaseShare(loss: readonly number[]): number {
  if (loss.length < 2) return Number.NaN;
  let ups = 0;
  for (let e = 1; e < loss.length; e++) if (loss[e]! > loss[e - 1]!) ups++;
  return ups / (loss.length - 1);
}

/** Second differences of ln(loss): how the curve bends between consecutive epochs. */
function bends(loss: readonly number[]): number[] {
  const log = loss.map(Math.log);
  const out: number[] = [];
  for (let e = 2; e < log.length; e++) out.push(log[e]! - 2 * log[e - 1]! + log[e - 2]!);
  return out;
}

function countFlips(loss: readonly number[]): { flips: number; places: number } {
  const b = bends(loss);
  let flips = 0;
  for (let i = 1; i < b.length; i++) if (b[i]! * b[i - 1]! < 0) flips++;
  return { flips, places: Math.max(0, b.length - 1) };
}

/**
 * Share of epochs at which the loss curve's bend flips: with ℓₑ = ln loss[e], the second
 * difference Δ²ₑ = ℓₑ₊₂ − 2ℓₑ₊₁ + ℓₑ changes sign between consecutive epochs. A curve that
 * decays smoothly bends one way (0); a noisy one zig-zags (up to 1), even while it keeps falling.
 * NaN for fewer than four values.
 */
export function wiggleShare(loss: readonly number[]): number {
  const { flips, places } = countFlips(loss);
  return places === 0 ? Number.NaN : flips / places;
}

/**
 * The smoothness measures the README reports for Figure 1: the share of epoch-to-epoch loss
 * increases (SGD on a smooth, well-conditioned loss keeps falling; the paper's BatchNorm curves
 * jump up and down) and the share of bend flips (`wiggleShare`: zig-zag while falling),
 * plus each curve's relative drop from first to last epoch.
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
      wiggleShare: wiggleShare(c.loss),
      diverged: c.diverged === true,
    };
  });
  const pooled: Figure1Smoothness['increaseShare'] = {};
  const wiggles: Figure1Smoothness['wiggleShare'] = {};
  for (const arch of new Set(curves.map((c) => c.arch))) {
    let ups = 0;
    let steps = 0;
    let flips = 0;
    let places = 0;
    for (const c of curves) {
      if (c.arch !== arch) continue;
      for (let e = 1; e < c.loss.length; e++) {
        steps++;
        if (c.loss[e]! > c.loss[e - 1]!) ups++;
      }
      const f = countFlips(c.loss);
      flips += f.flips;
      places += f.places;
    }
    pooled[arch] = steps === 0 ? Number.NaN : ups / steps;
    wiggles[arch] = places === 0 ? Number.NaN : flips / places;
  }
  return { curves: summaries, increaseShare: pooled, wiggleShare: wiggles };
}
