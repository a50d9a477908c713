import type { Figure1Arch } from './figure1-config';

/** One training curve of Figure 1. */
export interface Figure1Curve {
  arch: Figure1Arch;
  depth: number;
  /** `loss[0]` before training, `loss[e]` after epoch e (see `config.loss`). Finite values only. */
  loss: number[];
  /** The loss became NaN or ±∞ after epoch `loss.length`; the curve was stopped there. */
  diverged?: boolean;
}
