import type { Configuration } from '../grid/expand-grid';
import { movingAverage } from './moving-average';

/** Smoothed validation values closer than this count as equal (accuracies are ratios of counts). */
export const TIE_TOLERANCE = 1e-9;

/** The paper's smoothing window for the validation curve. */
export const SMOOTHING_WINDOW = 10;

/** Where to stop one configuration's training, chosen on its validation curve. */
export interface EpochChoice {
  /** Number of epochs trained (1-based): the model after this epoch is the one evaluated. */
  epoch: number;
  /** Smoothed validation value of the window that ends at `epoch` (higher is better). */
  smoothed: number;
}

/**
 * The early-stopping epoch of one configuration: the end of the best window of the trailing moving
 * average (see {@link movingAverage}); ties go to the earliest epoch. A curve cut short (the loss
 * diverged: `null` or NaN entries) is used up to its last finite value.
 *
 * @param validation - validation metric per epoch, higher is better (accuracy, AUC).
 * @param window - smoothing window (default 10, as the paper).
 * @returns `null` when not a single epoch has a finite value.
 * @example
 * selectEpoch([0.5, 0.7, 0.9, 0.6], 2); // { epoch: 3, smoothed: 0.8 }
 * @see https://arxiv.org/abs/1706.02515
 */
export function selectEpoch(
  validation: ReadonlyArray<number | null>,
  window: number = SMOOTHING_WINDOW,
): EpochChoice | null {
  const finite: number[] = [];
  for (const v of validation) {
    if (v === null || !Number.isFinite(v)) break;
    finite.push(v);
  }
  if (finite.length === 0) return null;
  const smoothed = movingAverage(finite, window);
  const w = finite.length - smoothed.length + 1;
  let best = 0;
  for (let j = 1; j < smoothed.length; j++) {
    if (smoothed[j]! > smoothed[best]! + TIE_TOLERANCE) best = j;
  }
  return { epoch: best + w, smoothed: smoothed[best]! };
}

/** A trained configuration as selection sees it. */
export interface Candidate {
  config: Configuration;
  /** Validation metric per epoch (higher is better); `null` after a divergence. */
  validation: ReadonlyArray<number | null>;
}

/** The winner of {@link selectModel}. */
export interface ModelChoice<C extends Candidate> extends EpochChoice {
  candidate: C;
  index: number;
}

/**
 * Compares two configurations whose smoothed validation values tie: the paper prefers more layers,
 * then a smaller learning rate, then a larger dropout rate. Negative when `a` is preferred.
 */
export function compareTied(a: Configuration, b: Configuration): number {
  if (a.depth !== b.depth) return b.depth - a.depth;
  if (a.lr !== b.lr) return a.lr - b.lr;
  if (a.dropout !== b.dropout) return b.dropout - a.dropout;
  return 0;
}

/**
 * Model selection on a validation split: each configuration's epoch by {@link selectEpoch}, then
 * the configuration with the highest smoothed validation value. Ties (within
 * {@link TIE_TOLERANCE}) prefer more layers, a smaller learning rate, a larger dropout rate —
 * the paper's rule — and finally the candidate listed first.
 *
 * @param candidates - trained configurations in grid order.
 * @param window - smoothing window (default 10).
 * @returns `null` when no candidate has a finite validation value.
 * @example
 * const best = selectModel(records.map((r) => ({ config: r.config, validation: r.validation })));
 * @see https://arxiv.org/abs/1706.02515
 */
export function selectModel<C extends Candidate>(
  candidates: readonly C[],
  window: number = SMOOTHING_WINDOW,
): ModelChoice<C> | null {
  let best: ModelChoice<C> | null = null;
  candidates.forEach((candidate, index) => {
    const choice = selectEpoch(candidate.validation, window);
    if (choice === null) return;
    const current: ModelChoice<C> = { ...choice, candidate, index };
    if (best === null) {
      best = current;
      return;
    }
    const diff = choice.smoothed - best.smoothed;
    if (diff > TIE_TOLERANCE) best = current;
    else if (diff >= -TIE_TOLERANCE && compareTied(candidate.config, best.candidate.config) < 0) {
      best = current;
    }
  });
  return best;
}
