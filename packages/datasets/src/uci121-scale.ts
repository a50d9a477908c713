import type { Split } from './split';
import { applyColumnScaling, fitColumnScaling } from './standardize';

/**
 * How far a column's mean may sit from 0, and its standard deviation from 1, in a file the
 * collection has scaled. The files print 6 significant digits (`%g`), so a scaled column is off
 * by about 1e-6; the unscaled files of the archive are off by 0.1 or more.
 */
export const UCI121_SCALE_TOLERANCE = 1e-3;

/**
 * Whether every feature of a file is scaled as the collection scales its files (R's `scale`
 * applied to each file on its own): column mean 0 and sample standard deviation
 * s = √(Σ(x − x̄)² / (n − 1)) equal to 1, within {@link UCI121_SCALE_TOLERANCE}; a constant
 * column must be all 0.
 *
 * @example
 * isScaledLikeUci121({ x: new Float32Array([-1, 0, 1]), y: new Int32Array(3), n: 3, d: 1 }); // true
 * @see https://jmlr.org/papers/v15/delgado14a.html
 */
export function isScaledLikeUci121(split: Split): boolean {
  if (split.n < 2) return true;
  const { mean, std, constant } = fitColumnScaling(split, 'n-1', '`split.x`');
  for (let j = 0; j < split.d; j++) {
    if (Math.abs(mean[j]!) > UCI121_SCALE_TOLERANCE) return false;
    if (!constant[j] && Math.abs(std[j]! - 1) > UCI121_SCALE_TOLERANCE) return false;
  }
  return true;
}

/**
 * A file of the collection scaled as the collection scales the others: x′ = (x − x̄) / s per
 * column, with the file's own mean x̄ and sample standard deviation s (divisor n − 1, as R's
 * `scale`); a constant column becomes 0. Returns `split` itself when it is already scaled
 * ({@link isScaledLikeUci121}), so the values of such a file never change.
 *
 * Eleven files of the archive are shipped unscaled: the test files of annealing, hayes-roth,
 * hill-valley, horse-colic, image-segmentation, soybean and spect (raw values, e.g. hill-valley
 * up to 156,612), and the training files of monks-1, monks-2, monks-3 and spectf. A network
 * trained on a scaled file and tested on a raw one is tested on inputs tens to thousands of
 * standard deviations away (hayes-roth: 1 correct of 28 for every network).
 *
 * @example
 * const raw = { x: new Float32Array([1, 2, 3]), y: new Int32Array(3), n: 3, d: 1 };
 * scaleLikeUci121(raw).x; // Float32Array [-1, 0, 1]
 * @see https://jmlr.org/papers/v15/delgado14a.html
 */
export function scaleLikeUci121(split: Split): Split {
  if (isScaledLikeUci121(split)) return split;
  return applyColumnScaling(split, fitColumnScaling(split, 'n-1'));
}
